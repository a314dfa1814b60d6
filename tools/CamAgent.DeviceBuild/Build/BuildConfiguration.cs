namespace CamAgent.DeviceBuild.Build;

/// <summary>
/// The two configurations of nanoFramework's project system (NFProjectSystem.Default.props):
/// Debug is not optimised and defines DEBUG;TRACE, Release is optimised and defines TRACE;
/// both define NANOFRAMEWORK_1_0 (NFProjectSystem.CSharp.targets).
/// </summary>
public enum BuildConfiguration
{
    Debug,
    Release,
}
