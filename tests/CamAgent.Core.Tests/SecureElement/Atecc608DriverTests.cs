using System.Security.Cryptography;
using CamAgent.Core.SecureElement;

namespace CamAgent.Core.Tests.SecureElement;

public sealed class Atecc608DriverTests
{
    [Fact]
    public void Signature_From_The_Chip_Verifies_With_DotNet_Against_The_Key_Read_Through_The_Driver()
    {
        using var fixture = new ChipFixture();
        byte[] publicKey = new byte[Atecc608.PublicKeyBytes];
        Assert.Equal(SecureElementStatus.Ok, fixture.Driver.ReadPublicKey(ChipFixture.KeySlot, publicKey, 0));
        byte[] digest = SHA256.HashData("segment 1"u8);
        byte[] signature = new byte[Atecc608.SignatureBytes];

        Assert.Equal(SecureElementStatus.Ok, fixture.Driver.SignDigest(ChipFixture.KeySlot, digest, 0, signature, 0));

        using ECDsa key = ECDsa.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, Q = new ECPoint { X = publicKey[..32], Y = publicKey[32..] } });
        Assert.True(key.VerifyHash(digest, signature, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));
        Assert.True(fixture.Chip.IsAsleep);
    }

    [Fact]
    public void Serial_Number_Is_Config_Bytes_0_To_3_And_8_To_12()
    {
        using var fixture = new ChipFixture();
        byte[] serial = new byte[AteccProtocol.SerialNumberBytes];
        Assert.Equal(SecureElementStatus.Ok, fixture.Driver.ReadSerialNumber(serial, 0));
        Assert.Equal(fixture.Chip.SerialNumber, serial);
        Assert.Equal(0x01, serial[0]);
        Assert.Equal(0x23, serial[1]);
        Assert.Equal(0xEE, serial[8]);
    }

    [Fact]
    public void Lock_State_And_Revision_Are_Read_From_The_Chip()
    {
        using var fixture = new ChipFixture(locked: false, withKey: false);
        Assert.Equal(SecureElementStatus.Ok, fixture.Driver.ReadLockState(out bool configLocked, out bool dataLocked));
        Assert.False(configLocked);
        Assert.False(dataLocked);
        fixture.Chip.LockConfiguration();
        Assert.Equal(SecureElementStatus.Ok, fixture.Driver.ReadLockState(out configLocked, out dataLocked));
        Assert.True(configLocked);
        Assert.False(dataLocked);
        byte[] revision = new byte[Atecc608.RevisionBytes];
        Assert.Equal(SecureElementStatus.Ok, fixture.Driver.ReadRevision(revision, 0));
        Assert.Equal(new byte[] { 0x00, 0x00, 0x60, 0x02 }, revision);
        byte[] config = new byte[AteccProtocol.ConfigZoneBytes];
        Assert.Equal(SecureElementStatus.Ok, fixture.Driver.ReadConfigZone(config, 0));
        Assert.Equal(0x00, config[AteccProtocol.ConfigLockConfigOffset]);
        Assert.Equal(0x55, config[AteccProtocol.ConfigLockValueOffset]);
    }

    [Fact]
    public void GenKey_Is_Refused_While_The_Configuration_Is_Unlocked()
    {
        using var fixture = new ChipFixture(locked: false, withKey: false);
        byte[] publicKey = new byte[Atecc608.PublicKeyBytes];
        Assert.Equal(SecureElementStatus.ExecutionError, fixture.Driver.GenerateKey(ChipFixture.KeySlot, publicKey, 0));
        Assert.All(publicKey, b => Assert.Equal(0, b));
    }

    [Fact]
    public void Sign_Is_Refused_While_The_Data_Zone_Is_Unlocked_And_Writes_Nothing()
    {
        using var fixture = new ChipFixture(locked: false, withKey: true);
        byte[] signature = new byte[Atecc608.SignatureBytes];
        Assert.Equal(SecureElementStatus.ExecutionError, fixture.Driver.SignDigest(ChipFixture.KeySlot, new byte[32], 0, signature, 0));
        Assert.All(signature, b => Assert.Equal(0, b));
    }

    [Fact]
    public void Random_From_An_Unlocked_Chip_Is_Reported_As_NotLocked_Not_Passed_On()
    {
        using var fixture = new ChipFixture(locked: false, withKey: false);
        byte[] random = new byte[Atecc608.RandomBytes];
        Assert.Equal(SecureElementStatus.NotLocked, fixture.Driver.Random(random, 0));
        Assert.All(random, b => Assert.Equal(0, b));
        fixture.Chip.LockConfiguration();
        Assert.Equal(SecureElementStatus.Ok, fixture.Driver.Random(random, 0));
        Assert.Contains(random, b => b != 0x00 && b != 0xFF);
    }

    [Fact]
    public void Counter_Increments_By_One_And_Reads_Back()
    {
        using var fixture = new ChipFixture();
        fixture.Chip.SetCounter(1, 41);
        Assert.Equal(SecureElementStatus.Ok, fixture.Driver.IncrementCounter(1, out int value));
        Assert.Equal(42, value);
        Assert.Equal(SecureElementStatus.Ok, fixture.Driver.ReadCounter(1, out value));
        Assert.Equal(42, value);
        Assert.Equal(0, fixture.Chip.GetCounter(0));
    }

    [Fact]
    public void Exhausted_Counter_Returns_CounterExhausted_And_Stays_At_Its_Maximum()
    {
        using var fixture = new ChipFixture();
        fixture.Chip.SetCounter(0, AteccProtocol.CounterMax - 1);
        Assert.Equal(SecureElementStatus.Ok, fixture.Driver.IncrementCounter(0, out int value));
        Assert.Equal(AteccProtocol.CounterMax, value);
        Assert.Equal(SecureElementStatus.CounterExhausted, fixture.Driver.IncrementCounter(0, out value));
        Assert.Equal(AteccProtocol.CounterMax, value);
        Assert.Equal(AteccProtocol.CounterMax, fixture.Chip.GetCounter(0));
    }

    [Fact]
    public void Slot_Without_A_Key_Returns_ExecutionError()
    {
        using var fixture = new ChipFixture(withKey: false);
        Assert.Equal(SecureElementStatus.ExecutionError, fixture.Driver.ReadPublicKey(3, new byte[64], 0));
    }
}
