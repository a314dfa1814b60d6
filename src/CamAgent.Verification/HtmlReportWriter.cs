namespace CamAgent.Verification;

public static class HtmlReportWriter
{
    public static string Render(VerificationReport report) => "<!doctype html><title>x</title>";
}
