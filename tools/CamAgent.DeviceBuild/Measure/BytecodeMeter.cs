using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace CamAgent.DeviceBuild.Measure;

/// <summary>
/// Estimates how many bytes of nanoFramework bytecode an assembly becomes, from its IL.
///
/// nanoFramework's metadata processor (CodeWriter.WriteMethodBody) writes, per method body, the
/// IL opcodes with their operands, then the exception table. It never writes more operand
/// bytes than IL has: method, field, type and string tokens and long branch offsets shrink from
/// 4 bytes to 2, switch tables shrink, every other operand keeps its IL size. It writes no
/// method header. Its exception table is 12 bytes per clause (kind, catch type or filter,
/// try start and end, handler start and end, 2 bytes each) plus 1 count byte, which the IL
/// bytes alone do not contain.
///
/// So the estimate is, per method, the IL byte length (<c>MethodBodyBlock.GetILReader().Length</c>:
/// the code only, without the 1- or 12-byte IL header, which the metadata processor does not
/// write) plus, when the method has exception clauses, 12 bytes per clause and 1. It is never
/// below the metadata processor's figure and is above it by 2 bytes per token or long branch.
/// <c>MethodBodyBlock.Size</c> is not used: it adds the IL header and IL's own exception
/// section (4 + 12 or 24 bytes per clause), which says nothing about nanoFramework's table.
/// </summary>
public static class BytecodeMeter
{
    /// <summary>Bytes nanoFramework's exception table spends per clause.</summary>
    public const int ExceptionClauseBytes = 12;

    /// <summary>The count byte after a method's exception clauses.</summary>
    public const int ExceptionCountBytes = 1;

    public static BytecodeSize Measure(byte[] image)
    {
        ArgumentNullException.ThrowIfNull(image);
        using var reader = new PEReader(new MemoryStream(image, writable: false));
        MetadataReader metadata = reader.GetMetadataReader();
        int methods = 0;
        int il = 0;
        int exceptionTables = 0;
        foreach (MethodDefinitionHandle handle in metadata.MethodDefinitions)
        {
            int rva = metadata.GetMethodDefinition(handle).RelativeVirtualAddress;
            if (rva == 0)
            {
                continue;
            }

            MethodBodyBlock body = reader.GetMethodBody(rva);
            methods++;
            il += body.GetILReader().Length;
            int clauses = body.ExceptionRegions.Length;
            exceptionTables += clauses == 0 ? 0 : (clauses * ExceptionClauseBytes) + ExceptionCountBytes;
        }

        return new BytecodeSize(methods, il, exceptionTables);
    }
}
