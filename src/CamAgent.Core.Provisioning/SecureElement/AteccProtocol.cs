namespace CamAgent.Core.SecureElement
{
    /// <summary>
    /// ATECC608 I2C protocol constants (ATECC608A/B data sheet, "I2C Interface" and "Command Packets";
    /// docs/secure-element.md §2). Values are fixed by the chip.
    /// </summary>
    public static class AteccProtocol
    {
        /// <summary>7-bit I2C address of a factory-configured chip (0xC0 in 8-bit notation).</summary>
        public const int DefaultAddress = 0x60;

        /// <summary>Word address: the next read starts again at the beginning of the output buffer.</summary>
        public const byte WordAddressReset = 0x00;

        /// <summary>Word address: enter sleep; volatile state (TempKey, RNG seed) is lost.</summary>
        public const byte WordAddressSleep = 0x01;

        /// <summary>Word address: enter idle; TempKey is kept, the watchdog stops.</summary>
        public const byte WordAddressIdle = 0x02;

        /// <summary>Word address: a command packet follows.</summary>
        public const byte WordAddressCommand = 0x03;

        /// <summary>Command packet bytes other than data: count, opcode, param1, param2 (2), CRC (2).</summary>
        public const int CommandOverheadBytes = 7;

        /// <summary>Response bytes other than data: count and CRC (2).</summary>
        public const int ResponseOverheadBytes = 3;

        /// <summary>A status-only response: count, status, CRC.</summary>
        public const int StatusResponseBytes = 4;

        /// <summary>Largest command data this driver sends (Nonce pass-through: 32 bytes).</summary>
        public const int MaxCommandDataBytes = 32;

        /// <summary>Largest response data this driver reads (GenKey and Sign: 64 bytes).</summary>
        public const int MaxResponseDataBytes = 64;

        public const int CrcBytes = 2;

        public const byte OpcodeRead = 0x02;
        public const byte OpcodeNonce = 0x16;
        public const byte OpcodeRandom = 0x1B;
        public const byte OpcodeCounter = 0x24;
        public const byte OpcodeInfo = 0x30;
        public const byte OpcodeGenKey = 0x40;
        public const byte OpcodeSign = 0x41;

        public const byte StatusSuccess = 0x00;
        public const byte StatusMiscompare = 0x01;
        public const byte StatusParseError = 0x03;
        public const byte StatusEccFault = 0x05;
        public const byte StatusSelfTestError = 0x07;
        public const byte StatusHealthTestError = 0x08;
        public const byte StatusExecutionError = 0x0F;
        public const byte StatusAfterWake = 0x11;
        public const byte StatusWatchdogAboutToExpire = 0xEE;
        public const byte StatusCommunicationError = 0xFF;

        /// <summary>Read param1: config zone; bit 7 selects a 32-byte block read.</summary>
        public const byte ZoneConfig = 0x00;
        public const byte ZoneData = 0x02;
        public const byte ReadBlockFlag = 0x80;

        /// <summary>Info mode 0x00: the 4-byte device revision.</summary>
        public const byte InfoModeRevision = 0x00;

        /// <summary>GenKey mode: compute the public key of the private key in the slot.</summary>
        public const byte GenKeyModePublic = 0x00;

        /// <summary>GenKey mode: create a random private key in the slot and return its public key.</summary>
        public const byte GenKeyModePrivate = 0x04;

        /// <summary>Nonce mode 3: pass-through, the 32 data bytes become TempKey unchanged.</summary>
        public const byte NonceModePassThrough = 0x03;

        /// <summary>Sign mode 0x80: sign the external message (a digest) held in TempKey.</summary>
        public const byte SignModeExternal = 0x80;

        public const byte CounterModeRead = 0x00;
        public const byte CounterModeIncrement = 0x01;

        /// <summary>Random mode 0: update the seed, then generate.</summary>
        public const byte RandomModeSeedUpdate = 0x00;

        /// <summary>Largest value of a monotonic counter; Increment fails beyond it.</summary>
        public const int CounterMax = 2097151;

        /// <summary>Config zone: 128 bytes in four 32-byte blocks.</summary>
        public const int ConfigZoneBytes = 128;
        public const int BlockBytes = 32;
        public const int SerialNumberBytes = 9;

        /// <summary>Config byte 86: LockValue (data and OTP zones); 0x55 = unlocked, 0x00 = locked.</summary>
        public const int ConfigLockValueOffset = 86;

        /// <summary>Config byte 87: LockConfig; 0x55 = unlocked, 0x00 = locked.</summary>
        public const int ConfigLockConfigOffset = 87;

        public const byte LockedMarker = 0x00;
        public const byte UnlockedMarker = 0x55;

        /// <summary>The 4-byte response the chip leaves in its output buffer after waking.</summary>
        public const int WakeResponseCount = 0x04;

        public const int MaxSlot = 15;
    }
}
