using nanoFramework.TestFramework;

namespace CamAgent.Device.AgentTests
{
    /// <summary>
    /// Names the scenario and its current step in every failure message, with the rig's state
    /// (card, server exchange, the agent's last log lines) when a check fails. Checks that hold
    /// cost nothing: the state is described only on failure.
    /// </summary>
    public sealed class Scenario
    {
        private string _step = "setup";

        public Scenario(string name)
        {
            Name = name;
        }

        public string Name { get; private set; }

        /// <summary>The rig whose state a failure message shows.</summary>
        public DeviceRig Rig { get; set; }

        /// <summary>Starts the named step; failures from now on name it.</summary>
        public void Step(string step)
        {
            _step = step;
        }

        /// <summary>Fails with <paramref name="what"/> unless <paramref name="condition"/> holds.</summary>
        public void Check(bool condition, string what)
        {
            if (!condition)
            {
                Fail(what);
            }
        }

        public void Equal(long expected, long actual, string what)
        {
            if (expected != actual)
            {
                Fail(what + ": expected " + expected.ToString() + ", got " + actual.ToString());
            }
        }

        public void Fail(string what)
        {
            string state = Rig == null ? string.Empty : "\n" + Rig.Describe();
            Assert.IsTrue(false, "[" + Name + "] step '" + _step + "': " + what + state);
        }
    }
}
