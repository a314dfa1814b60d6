namespace CamAgent.Core.SecureElement
{
    /// <summary>The chip's status/error codes (data sheet "Status/Error Codes"; docs/secure-element.md §3.3).</summary>
    public static class AteccStatusCodes
    {
        /// <summary>Maps a chip status byte (data sheet "Status/Error Codes") to a driver status.</summary>
        public static SecureElementStatus ToStatus(byte status)
        {
            switch (status)
            {
                case AteccProtocol.StatusSuccess:
                    return SecureElementStatus.Ok;
                case AteccProtocol.StatusMiscompare:
                    return SecureElementStatus.Miscompare;
                case AteccProtocol.StatusParseError:
                    return SecureElementStatus.ParseError;
                case AteccProtocol.StatusEccFault:
                    return SecureElementStatus.EccFault;
                case AteccProtocol.StatusSelfTestError:
                    return SecureElementStatus.SelfTestError;
                case AteccProtocol.StatusHealthTestError:
                    return SecureElementStatus.HealthTestError;
                case AteccProtocol.StatusExecutionError:
                    return SecureElementStatus.ExecutionError;
                case AteccProtocol.StatusAfterWake:
                case AteccProtocol.StatusWatchdogAboutToExpire:
                    return SecureElementStatus.WatchdogExpired;
                case AteccProtocol.StatusCommunicationError:
                    return SecureElementStatus.CommandCorrupted;
                default:
                    return SecureElementStatus.UnexpectedResponse;
            }
        }
    }
}
