using CamAgent.Core.Config;
using CamAgent.Core.Persistence;
using CamAgent.Core.Platform;
using CamAgent.Core.Tests.Fakes;
using CamAgent.Core.Tests.Support;

namespace CamAgent.Core.Tests.Config;

public sealed class ConfigStoreTests : IClassFixture<CredentialsFixture>
{
    private readonly CredentialsFixture _fixture;

    public ConfigStoreTests(CredentialsFixture fixture) => _fixture = fixture;

    private byte[] Text(long serial, string host = TestCredentials.Host)
    {
        var fields = _fixture.Credentials.Fields(serial);
        fields[fields.FindIndex(f => f.Key == "agency.host")] = new("agency.host", host);
        return TestCredentials.Render(fields);
    }

    [Fact]
    public void Load_Reports_Missing_On_A_Blank_Device()
    {
        var store = new ConfigStore(new MemoryRecordSlots(), _fixture.Validator);
        ConfigResult result = store.Load();
        Assert.Equal(ConfigError.MissingField, result.Error);
        Assert.Null(store.Current);
    }

    [Fact]
    public void Applied_Configuration_Survives_A_Reboot()
    {
        var slots = new MemoryRecordSlots();
        byte[] text = Text(3, "evidence.pd.example");
        Assert.True(new ConfigStore(slots, _fixture.Validator).Apply(text, 0, text.Length).IsOk);
        var rebooted = new ConfigStore(slots, _fixture.Validator);
        Assert.True(rebooted.Load().IsOk);
        Assert.Equal("evidence.pd.example", rebooted.Current.AgencyHost);
    }

    [Fact]
    public void Refuses_To_Save_When_Neither_Stored_Copy_Can_Be_Read_And_Keeps_Both()
    {
        var slots = new MemoryRecordSlots();
        byte[] first = Text(3, "first.agency.example");
        byte[] second = Text(4, "second.agency.example");
        Assert.True(new ConfigStore(slots, _fixture.Validator).Apply(first, 0, first.Length).IsOk);
        Assert.True(new ConfigStore(slots, _fixture.Validator).Apply(second, 0, second.Length).IsOk);
        int writes = slots.Writes;

        // A moment in which the flash cannot be read: the new configuration is refused, nothing is written.
        var store = new ConfigStore(slots, _fixture.Validator);
        slots.FailReadsWith = SlotStatus.IoError;
        byte[] third = Text(5, "third.agency.example");
        ConfigResult result = store.Apply(third, 0, third.Length);

        Assert.Equal(ConfigError.StorageFailed, result.Error);
        Assert.Contains("could not read the stored configuration", result.Message);
        Assert.Equal(writes, slots.Writes);
        slots.FailReadsWith = SlotStatus.Ok;
        var rebooted = new ConfigStore(slots, _fixture.Validator);
        Assert.True(rebooted.Load().IsOk);
        Assert.Equal("second.agency.example", rebooted.Current.AgencyHost);
    }

    [Fact]
    public void Refuses_A_Replayed_Older_Configuration_And_Keeps_The_Newer_One()
    {
        var store = new ConfigStore(new MemoryRecordSlots(), _fixture.Validator);
        byte[] newer = Text(10, "new.agency.example");
        byte[] older = Text(9, "old.agency.example");
        store.Apply(newer, 0, newer.Length);
        ConfigResult result = store.Apply(older, 0, older.Length);
        Assert.Equal(ConfigError.SerialNotNewer, result.Error);
        Assert.Equal("new.agency.example", store.Current.AgencyHost);
    }

    [Fact]
    public void A_Power_Cut_At_Every_Byte_Of_Saving_A_New_Configuration_Leaves_Old_Or_New_Never_Neither()
    {
        byte[] first = Text(1, "first.agency.example");
        byte[] second = Text(2, "second.agency.example");
        int frame = DurableRecord.HeaderSizeBytes + second.Length + DurableRecord.CheckSizeBytes;
        for (int kept = 0; kept <= frame; kept += 7)
        {
            var slots = new MemoryRecordSlots();
            var store = new ConfigStore(slots, _fixture.Validator);
            store.Apply(first, 0, first.Length);
            slots.CutAtWrite = slots.Writes;
            slots.CutKeepsBytes = kept;
            ConfigResult cut = store.Apply(second, 0, second.Length);
            Assert.Equal(ConfigError.StorageFailed, cut.Error);
            Assert.Equal("first.agency.example", store.Current.AgencyHost);
            slots.RestorePower();

            var rebooted = new ConfigStore(slots, _fixture.Validator);
            Assert.True(rebooted.Load().IsOk);
            Assert.Equal(kept == frame ? "second.agency.example" : "first.agency.example", rebooted.Current.AgencyHost);
        }
    }

    [Fact]
    public void Storage_Full_Refuses_The_New_Configuration_And_Keeps_The_Old()
    {
        var slots = new MemoryRecordSlots();
        var store = new ConfigStore(slots, _fixture.Validator);
        byte[] first = Text(1);
        store.Apply(first, 0, first.Length);
        slots.FailWritesWith = SlotStatus.StorageFull;
        byte[] second = Text(2, "other.agency.example");
        Assert.Equal(ConfigError.StorageFailed, store.Apply(second, 0, second.Length).Error);
        Assert.Equal(TestCredentials.Host, store.Current.AgencyHost);
    }
}
