using Xunit.Abstractions;

namespace CamAgent.SubsetCheck.Tests.Device;

/// <summary>
/// One nanoFramework test method as an xunit theory argument. Serializable, so each is its own
/// test case; shown as its full "Project: Class.Method" (xunit cuts string arguments at 50
/// characters, which would hide which scenario failed).
/// </summary>
public sealed class DeviceTestCase : IXunitSerializable
{
    public DeviceTestCase()
    {
        Project = string.Empty;
        Method = string.Empty;
    }

    public DeviceTestCase(string project, string method)
    {
        Project = project;
        Method = method;
    }

    /// <summary>The test project (file name of its .nfproj).</summary>
    public string Project { get; private set; }

    /// <summary>"Class.Method".</summary>
    public string Method { get; private set; }

    public void Deserialize(IXunitSerializationInfo info)
    {
        Project = info.GetValue<string>(nameof(Project));
        Method = info.GetValue<string>(nameof(Method));
    }

    public void Serialize(IXunitSerializationInfo info)
    {
        info.AddValue(nameof(Project), Project);
        info.AddValue(nameof(Method), Method);
    }

    public override string ToString() => Project + ": " + Method;
}
