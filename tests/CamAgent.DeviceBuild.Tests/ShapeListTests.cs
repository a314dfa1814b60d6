using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using CamAgent.DeviceBuild.Shapes;

namespace CamAgent.DeviceBuild.Tests;

/// <summary>The checked-in shape list and the reference assemblies generated from it.</summary>
[Collection(DeviceBuildCollection.Name)]
public sealed class ShapeListTests : IDisposable
{
    private readonly DeviceBuildFixture _fixture;
    private readonly string _folder = Directory.CreateTempSubdirectory("shapes-").FullName;

    public ShapeListTests(DeviceBuildFixture fixture)
    {
        _fixture = fixture;
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    public static TheoryData<string> DevicePackagesConfigs => new()
    {
        "src/CamAgent.Device/packages.config",
        "tests/CamAgent.Device.Tests/packages.config",
    };

    [Theory]
    [MemberData(nameof(DevicePackagesConfigs))]
    public void Every_Package_Of_The_Device_Projects_But_CoreLibrary_Has_A_Shape_At_Its_Pinned_Version(string packagesConfig)
    {
        IReadOnlyList<ShapeAssembly> shapes = ShapeListReader.ReadDefault();
        var packages = System.Xml.Linq.XDocument.Load(Path.Combine(TestPaths.RepositoryRoot, packagesConfig)).Root!.Elements("package")
            .Select(p => ((string)p.Attribute("id")!, (string)p.Attribute("version")!))
            .Where(p => p.Item1 != CoreLibrary.PackageId);

        foreach ((string id, string version) in packages)
        {
            ShapeAssembly[] sections = shapes.Where(s => s.PackageId == id).ToArray();
            Assert.True(sections.Length > 0, $"{id} has no section in the shape list");
            Assert.All(sections, s => Assert.Equal(version, s.PackageVersion));
        }
    }

    [Fact]
    public void Stream_Read_SpanByte_Is_Abstract_In_The_Generated_System_IO_Streams()
    {
        Assert.True(_fixture.References.TryGet("System.IO.Streams", out GeneratedReference streams));
        using var reader = new PEReader(new MemoryStream(streams.Image));
        MetadataReader metadata = reader.GetMetadataReader();

        TypeDefinition stream = metadata.TypeDefinitions.Select(metadata.GetTypeDefinition)
            .Single(t => metadata.GetString(t.Namespace) == "System.IO" && metadata.GetString(t.Name) == "Stream");
        MethodDefinition[] reads = stream.GetMethods().Select(metadata.GetMethodDefinition).Where(m => metadata.GetString(m.Name) == "Read").ToArray();

        Assert.Equal(2, reads.Length);
        Assert.All(reads, m => Assert.True((m.Attributes & MethodAttributes.Abstract) != 0));
    }

    [Fact]
    public void Generated_Assemblies_Carry_The_Real_Name_Version_And_NanoFramework_Public_Key()
    {
        foreach (GeneratedReference generated in _fixture.References.Generated)
        {
            using var reader = new PEReader(new MemoryStream(generated.Image));
            MetadataReader metadata = reader.GetMetadataReader();
            AssemblyDefinition assembly = metadata.GetAssemblyDefinition();

            Assert.Equal(generated.Shape.AssemblyName, metadata.GetString(assembly.Name));
            Assert.Equal(generated.Shape.AssemblyVersion, assembly.Version);
            Assert.Equal(_fixture.References.CoreLibrary.PublicKey.ToArray(), metadata.GetBlobBytes(assembly.PublicKey));
        }
    }

    [Fact]
    public void A_Shape_That_Redefines_A_Mscorlib_Type_Is_Refused()
    {
        string list = WriteList("T:System.SpanByte public readonly ref struct SpanByte");

        var error = Assert.Throws<ShapeListException>(() => ReferenceAssemblyBuilder.Build(_fixture.References.CoreLibrary, ShapeListReader.Read(list)));

        Assert.Contains("redefines System.SpanByte, which the real mscorlib already has", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_Section_Whose_Entry_Count_Does_Not_Match_Its_Header_Is_Refused()
    {
        string list = WriteList("T:Sample.Widget public class Widget", declaredEntries: 2);

        var error = Assert.Throws<ShapeListException>(() => ShapeListReader.Read(list));

        Assert.Contains("declares 2 entries", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_Class_With_No_Listed_Constructor_Gets_No_Public_One()
    {
        string list = WriteList("T:Sample.Widget public class Widget");
        ReferenceAssemblySet set = ReferenceAssemblyBuilder.Build(_fixture.References.CoreLibrary, ShapeListReader.Read(list));
        Assert.True(set.TryGet("Sample", out GeneratedReference sample));
        using var reader = new PEReader(new MemoryStream(sample.Image));
        MetadataReader metadata = reader.GetMetadataReader();

        MethodDefinition constructor = metadata.MethodDefinitions.Select(metadata.GetMethodDefinition).Single(m => metadata.GetString(m.Name) == ".ctor");

        Assert.Equal(MethodAttributes.Assembly, constructor.Attributes & MethodAttributes.MemberAccessMask);
    }

    private string WriteList(string entry, int declaredEntries = 1)
    {
        string path = Path.Combine(_folder, "shapes.txt");
        File.WriteAllLines(path,
        [
            "# test list",
            "## package:    Sample.Package 1.0.0",
            "## assembly:   Sample, Version=1.0.0.0",
            "## source:     test",
            "## references: ",
            $"## entries:    {declaredEntries}",
            entry,
        ]);
        return path;
    }
}
