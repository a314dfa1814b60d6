namespace CamAgent.DeviceBuild.Tests;

/// <summary>The real mscorlib comes from the NuGet package; its absence is said plainly.</summary>
public sealed class CoreLibraryTests
{
    [Fact]
    public void A_Missing_Mscorlib_Fails_With_A_Message_Naming_The_Path_And_The_Package()
    {
        string empty = Directory.CreateTempSubdirectory("no-packages-").FullName;
        try
        {
            var error = Assert.Throws<CoreLibraryMissingException>(() => CoreLibrary.Locate(empty));

            Assert.Contains(Path.Combine(empty, "nanoframework.corelibrary", "1.17.11", "lib", "mscorlib.dll"), error.Message, StringComparison.Ordinal);
            Assert.Contains("nanoFramework.CoreLibrary 1.17.11", error.Message, StringComparison.Ordinal);
            Assert.Contains("dotnet restore tools/CamAgent.DeviceBuild", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(empty);
        }
    }

    [Fact]
    public void The_Restored_Mscorlib_Is_NanoFramework_1_17_11_With_Its_Public_Key()
    {
        CoreLibrary coreLibrary = CoreLibrary.Locate();

        Assert.Equal(new Version(1, 17, 11, 0), coreLibrary.Version);
        Assert.Equal(160, coreLibrary.PublicKey.Length);
    }
}
