using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text;
using CamAgent.DeviceBuild.Build;
using CamAgent.DeviceBuild.Measure;

namespace CamAgent.DeviceBuild.Tests;

/// <summary>
/// Small throw-away device projects with one planted fault each, built through the same entry
/// point as the repository's: the fault must come out as the error the real build gives.
/// </summary>
[Collection(DeviceBuildCollection.Name)]
public sealed class PlantedFaultTests : IDisposable
{
    private readonly DeviceBuildFixture _fixture;
    private readonly TempDeviceRepository _repository = new();

    public PlantedFaultTests(DeviceBuildFixture fixture)
    {
        _fixture = fixture;
    }

    public void Dispose() => _repository.Dispose();

    [Fact]
    public void A_Call_Missing_From_NanoFramework_Mscorlib_Is_A_Compile_Error_Naming_The_Linked_File_And_Line()
    {
        _repository.AddProject("Lib/Lib.nfproj", "Lib", "Library", [TempDeviceRepository.Mscorlib],
            extraItems: "<Compile Include=\"..\\Shared\\Joiner.cs\"><Link>Linked\\Joiner.cs</Link></Compile>");
        _repository.Write("Shared/Joiner.cs", "namespace Lib\n{\n    public static class Joiner\n    {\n        public static string None() { return string.Join(\",\", new string[0]); }\n    }\n}\n");
        _repository.WriteSolution("Lib/Lib.nfproj");

        DeviceBuildResult result = _repository.Build(_fixture.References);

        CompileError error = Assert.Single(result.Errors);
        Assert.Equal("Shared/Joiner.cs", error.Path);
        Assert.Equal(5, error.Line);
        Assert.Equal("CS0117", error.Id);
        Assert.StartsWith("Shared/Joiner.cs(5,", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("'string' does not contain a definition for 'Join'", error.Message, StringComparison.Ordinal);
        Assert.False(result.Succeeded(BytecodeBudget.DebugBudgetBytes));
    }

    [Fact]
    public void A_Stream_Without_Read_SpanByte_Is_CS0534_Naming_The_File()
    {
        _repository.AddProject("Lib/Lib.nfproj", "Lib", "Library", [TempDeviceRepository.Mscorlib, TempDeviceRepository.Streams, TempDeviceRepository.Text]);
        _repository.Write("Lib/ArrayStream.cs", ArrayStreamSource(withSpanRead: false));
        _repository.WriteSolution("Lib/Lib.nfproj");

        DeviceBuildResult result = _repository.Build(_fixture.References);

        CompileError error = Assert.Single(result.Errors);
        Assert.Equal("CS0534", error.Id);
        Assert.Equal("Lib/ArrayStream.cs", error.Path);
        Assert.Contains("Stream.Read(SpanByte)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_Stream_Overriding_Every_Abstract_Member_Compiles()
    {
        _repository.AddProject("Lib/Lib.nfproj", "Lib", "Library", [TempDeviceRepository.Mscorlib, TempDeviceRepository.Streams, TempDeviceRepository.Text]);
        _repository.Write("Lib/ArrayStream.cs", ArrayStreamSource(withSpanRead: true));
        _repository.WriteSolution("Lib/Lib.nfproj");

        DeviceBuildResult result = _repository.Build(_fixture.References);

        Assert.True(result.Errors.Count == 0, string.Join(Environment.NewLine, result.Errors));
    }

    [Fact]
    public void An_Assembly_Over_The_Budget_Fails_Naming_The_Assembly_And_Its_Size()
    {
        const int Methods = 1500;
        var source = new StringBuilder("namespace Bloated\n{\n    public static class Padding\n    {\n");
        for (int i = 0; i < Methods; i++)
        {
            source.Append("        public static int M").Append(i).Append("(int a) { int s = a * 31 + ").Append(i)
                .AppendLine("; if (s > 1000) { s -= 7; } else { s += 11; } return s ^ 0x5A5A; }");
        }

        _repository.AddProject("Bloated/Bloated.nfproj", "Bloated", "Library", [TempDeviceRepository.Mscorlib]);
        _repository.Write("Bloated/Padding.cs", source.Append("    }\n}\n").ToString());
        _repository.WriteSolution("Bloated/Bloated.nfproj");

        DeviceBuildResult result = _repository.Build(_fixture.References);

        Assert.Empty(result.Errors);
        AssemblyBudget budget = Assert.Single(result.Budgets(BytecodeBudget.DebugBudgetBytes));
        Assert.True(budget.DebugBytes > BytecodeBudget.DebugBudgetBytes, $"only {budget.DebugBytes} B");
        string failure = Assert.Single(BudgetReport.Failures([budget]));
        Assert.StartsWith($"Bloated: {budget.DebugBytes:N0} B of bytecode in Debug, over the 48,000 B budget", failure, StringComparison.Ordinal);
        Assert.False(result.Succeeded(BytecodeBudget.DebugBudgetBytes));
    }

    [Fact]
    public void A_Project_Reference_Chain_Resolves_To_The_Assembly_Just_Compiled()
    {
        _repository.AddProject("LibA/LibA.nfproj", "LibA", "Library", [TempDeviceRepository.Mscorlib]);
        _repository.Write("LibA/Answer.cs", "namespace LibA\n{\n    public static class Answer\n    {\n        public static int Value() { return 42; }\n    }\n}\n");
        _repository.AddProject("LibB/LibB.nfproj", "LibB", "Exe", [TempDeviceRepository.Mscorlib], ["..\\LibA\\LibA.nfproj"]);
        _repository.Write("LibB/Program.cs", "namespace LibB\n{\n    public static class Program\n    {\n        public static void Main() { int unused = LibA.Answer.Value(); }\n    }\n}\n");
        _repository.WriteSolution("LibB/LibB.nfproj");

        DeviceBuildResult result = _repository.Build(_fixture.References);

        Assert.True(result.Errors.Count == 0, string.Join(Environment.NewLine, result.Errors));
        Assert.Equal(["LibA", "LibB"], result.Budgets(BytecodeBudget.DebugBudgetBytes).Select(b => b.AssemblyName));
        CompiledAssembly app = result.Assemblies.First(a => a.Project.AssemblyName == "LibB");
        Assert.Contains("LibA", ReferencedAssemblies(app.Image!));
    }

    [Fact]
    public void A_Static_Initialiser_Reading_Another_Library_Type_Fails_With_NFS018_Naming_The_File_And_Line()
    {
        _repository.AddProject("Vectors/Vectors.nfproj", "CamAgent.Vectors", "Library", [TempDeviceRepository.Mscorlib]);
        _repository.Write("Vectors/Golden.cs", "namespace Vectors\n{\n    public static class Golden\n    {\n        public static readonly string[] Table = new string[] { \"00\" };\n    }\n}\n");
        _repository.AddProject("Tests/Tests.nfproj", "NFUnitTest", "Library", [TempDeviceRepository.Mscorlib], ["..\\Vectors\\Vectors.nfproj"]);
        _repository.Write("Tests/VectorTests.cs", "namespace Tests\n{\n    public static class VectorTests\n    {\n        private static readonly string[] Table = Vectors.Golden.Table;\n\n        public static int Count() { return Table.Length; }\n    }\n}\n");
        _repository.WriteSolution("Tests/Tests.nfproj");

        DeviceBuildResult result = _repository.Build(_fixture.References);

        CompileError error = Assert.Single(result.Errors, e => e.Id != CompileError.ReferencedProjectFailed);
        Assert.Equal("NFS018", error.Id);
        Assert.StartsWith("Tests/VectorTests.cs(5,", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("Golden.Table", error.Message, StringComparison.Ordinal);
        Assert.False(result.Succeeded(BytecodeBudget.DebugBudgetBytes));
    }

    [Fact]
    public void A_Dropped_Status_In_A_Device_Project_Fails_With_NFS019_And_The_Assembly_Is_Still_Measured()
    {
        _repository.AddProject("App/App.nfproj", "App", "Exe", [TempDeviceRepository.Mscorlib]);
        _repository.Write("App/Program.cs", "namespace App\n{\n    public enum SaveStatus { Ok, Failed }\n\n    public static class Program\n    {\n        public static SaveStatus Save() { return SaveStatus.Ok; }\n\n        public static void Main() { Save(); }\n    }\n}\n");
        _repository.WriteSolution("App/App.nfproj");

        DeviceBuildResult result = _repository.Build(_fixture.References);

        CompileError error = Assert.Single(result.Errors);
        Assert.Equal("NFS019", error.Id);
        Assert.Equal("App/Program.cs", error.Path);
        Assert.Equal(9, error.Line);
        Assert.All(result.Assemblies, a => Assert.NotNull(a.Image));
        Assert.False(result.Succeeded(BytecodeBudget.DebugBudgetBytes));
    }

    private static string[] ReferencedAssemblies(byte[] image)
    {
        using var reader = new PEReader(new MemoryStream(image));
        MetadataReader metadata = reader.GetMetadataReader();
        return metadata.AssemblyReferences.Select(h => metadata.GetString(metadata.GetAssemblyReference(h).Name)).ToArray();
    }

    private static string ArrayStreamSource(bool withSpanRead) =>
        "using System;\nusing System.IO;\n\nnamespace Lib\n{\n    public sealed class ArrayStream : Stream\n    {\n"
        + "        public override bool CanRead { get { return true; } }\n"
        + "        public override bool CanSeek { get { return false; } }\n"
        + "        public override bool CanWrite { get { return false; } }\n"
        + "        public override long Length { get { throw new NotSupportedException(); } }\n"
        + "        public override long Position { get { throw new NotSupportedException(); } set { throw new NotSupportedException(); } }\n"
        + "        public override void Flush() { }\n"
        + "        public override int Read(byte[] buffer, int offset, int count) { return 0; }\n"
        + (withSpanRead ? "        public override int Read(SpanByte buffer) { return 0; }\n" : string.Empty)
        + "        public override long Seek(long offset, SeekOrigin origin) { throw new NotSupportedException(); }\n"
        + "        public override void SetLength(long value) { throw new NotSupportedException(); }\n"
        + "        public override void Write(byte[] buffer, int offset, int count) { throw new NotSupportedException(); }\n"
        + "    }\n}\n";
}
