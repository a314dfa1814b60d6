using System;

namespace Samples
{
    [Flags]
    public enum Capability
    {
        None = 0,
        Upload = 1,
        Sign = 2,
    }

    public enum Status
    {
        Ok = 0,
        Busy = 1,
        Failed = 2,
    }

    public static class Decisions
    {
        public static Status Parse(string text, out Capability capability, ref int attempts)
        {
            attempts++;
            capability = text == "sign" ? Capability.Sign | Capability.Upload : Capability.None;
            return text switch
            {
                "ok" => Status.Ok,
                "busy" => Status.Busy,
                _ => Status.Failed,
            };
        }

        public static string Describe(object value, Status status, Capability capability)
        {
            if (value is string text && text.Length > 0)
            {
                return text;
            }

            if (value is int number and > 0)
            {
                return number.ToString();
            }

            string name = status.ToString();
            return capability.HasFlag(Capability.Sign) ? name + " (signing)" : name;
        }

        public static int Weight(Status status)
        {
            switch (status)
            {
                case Status.Ok:
                    return 0;
                case Status.Busy:
                    return 1;
                default:
                    return 2;
            }
        }
    }
}
