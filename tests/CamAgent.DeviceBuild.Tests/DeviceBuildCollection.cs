namespace CamAgent.DeviceBuild.Tests;

/// <summary>Tests that share the fixture run one after the other (the machine has two cores).</summary>
[CollectionDefinition(Name)]
public sealed class DeviceBuildCollection : ICollectionFixture<DeviceBuildFixture>
{
    public const string Name = "device build";
}
