using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace CamAgent.SubsetCheck;

/// <summary>
/// A nanoCLR quirk no compiler reports: a long produced by widening an unsigned value
/// (conv.u8 from byte, char, ushort or uint, or a reinterpreting cast from ulong) keeps an
/// unsigned tag, and a later right shift on it is logical, not arithmetic, even after the value
/// has gone negative. Signed accumulators are therefore seeded from signed values
/// (<c>long total = 0; total += value;</c>) and never shifted straight after widening.
/// </summary>
public static class WideningRules
{
    public static void Check(IConversionOperation conversion, ViolationSink sink)
    {
        if (conversion.Type?.SpecialType != SpecialType.System_Int64 || !IsUnsigned(conversion.Operand.Type))
        {
            return;
        }

        string? use = Use(conversion);
        if (use != null)
        {
            sink.Report(conversion.Syntax, RuleIds.UnsignedWidening,
                $"long {use} a widened {conversion.Operand.Type!.ToDisplayString()}: on nanoCLR it keeps an unsigned tag and '>>' on it is logical; "
                + "seed from a signed value (long x = 0; x += value;)");
        }
    }

    // How the widened value is used, when the use is one that carries the tag into later arithmetic.
    private static string? Use(IConversionOperation conversion)
    {
        IOperation? parent = conversion.Parent;
        while (parent is IParenthesizedOperation)
        {
            parent = parent.Parent;
        }

        return parent switch
        {
            IVariableInitializerOperation or IFieldInitializerOperation or IPropertyInitializerOperation => "initialised from",
            ISimpleAssignmentOperation assignment when IsValueOf(assignment, conversion) => "assigned",
            IBinaryOperation { OperatorKind: BinaryOperatorKind.RightShift or BinaryOperatorKind.UnsignedRightShift } shift
                when IsLeftOperand(shift, conversion) => "shifted right straight after being",
            _ => null,
        };
    }

    private static bool IsValueOf(ISimpleAssignmentOperation assignment, IOperation operand) =>
        Strip(assignment.Value) == operand;

    private static bool IsLeftOperand(IBinaryOperation shift, IOperation operand) => Strip(shift.LeftOperand) == operand;

    private static IOperation Strip(IOperation operation)
    {
        while (operation is IParenthesizedOperation parenthesized)
        {
            operation = parenthesized.Operand;
        }

        return operation;
    }

    private static bool IsUnsigned(ITypeSymbol? type) => type?.SpecialType is SpecialType.System_Byte or SpecialType.System_Char
        or SpecialType.System_UInt16 or SpecialType.System_UInt32 or SpecialType.System_UInt64;
}
