using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using CamAgent.DeviceBuild.Build;
using CamAgent.DeviceBuild.Measure;

namespace CamAgent.DeviceBuild.Tests;

/// <summary>The bytecode estimate: IL bytes plus nanoFramework's exception tables.</summary>
[Collection(DeviceBuildCollection.Name)]
public sealed class BytecodeMeterTests : IDisposable
{
    private readonly DeviceBuildFixture _fixture;
    private readonly TempDeviceRepository _repository = new();

    public BytecodeMeterTests(DeviceBuildFixture fixture)
    {
        _fixture = fixture;
    }

    public void Dispose() => _repository.Dispose();

    [Fact]
    public void Counts_Every_Il_Byte_And_12_Bytes_Per_Exception_Clause_Plus_A_Count_Byte()
    {
        _repository.AddProject("Lib/Lib.nfproj", "Lib", "Library", [TempDeviceRepository.Mscorlib]);
        _repository.Write("Lib/Guarded.cs",
            "namespace Lib\n{\n    public static class Guarded\n    {\n        public static int Run(int a)\n        {\n"
            + "            try { return 10 / a; }\n            catch (System.ArgumentException) { return 0; }\n            finally { a = 1; }\n        }\n    }\n}\n");
        _repository.WriteSolution("Lib/Lib.nfproj");

        CompiledAssembly release = _repository.Build(_fixture.References).Assemblies.Single(a => a.Configuration == BuildConfiguration.Release);

        Assert.True(release.Succeeded, string.Join(Environment.NewLine, release.Errors));
        BytecodeSize size = release.Bytecode!;
        Assert.Equal((2 * BytecodeMeter.ExceptionClauseBytes) + BytecodeMeter.ExceptionCountBytes, size.ExceptionTableBytes);
        Assert.Equal(IlBytes(release.Image!), size.IlBytes);
        Assert.Equal(size.IlBytes + size.ExceptionTableBytes, size.TotalBytes);
    }

    private static int IlBytes(byte[] image)
    {
        using var reader = new PEReader(new MemoryStream(image));
        MetadataReader metadata = reader.GetMetadataReader();
        return metadata.MethodDefinitions
            .Select(h => metadata.GetMethodDefinition(h).RelativeVirtualAddress)
            .Where(rva => rva != 0)
            .Sum(rva => reader.GetMethodBody(rva).GetILBytes()!.Length);
    }
}
