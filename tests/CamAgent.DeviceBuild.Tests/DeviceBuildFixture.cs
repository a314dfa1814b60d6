using CamAgent.DeviceBuild.Build;
using CamAgent.DeviceBuild.Shapes;

namespace CamAgent.DeviceBuild.Tests;

/// <summary>
/// The reference assemblies (real mscorlib plus the generated ones) and the build of the
/// repository's device projects, made once for all tests. Without the real mscorlib the
/// constructor throws <see cref="CoreLibraryMissingException"/>, whose message says how to get
/// it, and every test of the collection fails with it: nothing passes silently.
/// </summary>
public sealed class DeviceBuildFixture
{
    private readonly Lazy<DeviceBuildResult> _repository;

    public DeviceBuildFixture()
    {
        References = DeviceBuildRunner.LoadReferences();
        _repository = new Lazy<DeviceBuildResult>(() =>
            DeviceBuildRunner.Run(new DeviceBuildOptions(TestPaths.RepositoryRoot), References));
    }

    public ReferenceAssemblySet References { get; }

    /// <summary>Every .nfproj of CamAgent.Device.sln (and what they reference), Debug and Release.</summary>
    public DeviceBuildResult Repository => _repository.Value;
}
