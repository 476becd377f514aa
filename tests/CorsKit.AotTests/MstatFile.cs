using System.Collections.Immutable;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace CorsKit.AotTests;

/// <summary>
/// Reads the Native AOT compiler's size map (<c>IlcGenerateMstatFile</c>): an ECMA-335 file whose global type has a
/// method per section. The <c>Types</c> section lists every type with an EEType in the binary and the <c>Methods</c>
/// section every compiled method with its code size, each as <c>ldtoken</c> followed by <c>ldc.i4</c> numbers; the
/// tokens are references to the assemblies the code came from, so the assembly references name every assembly that
/// contributed code or types to the binary.
/// </summary>
internal sealed class MstatFile
{
    private MstatFile(IReadOnlyList<string> assemblies, IReadOnlyDictionary<string, long> methodBytes, IReadOnlyList<string> typeNames)
    {
        Assemblies = assemblies;
        MethodBytesByAssembly = methodBytes;
        TypeNames = typeNames;
    }

    /// <summary>The assemblies whose code or types are in the binary.</summary>
    public IReadOnlyList<string> Assemblies { get; }

    /// <summary>Compiled method bytes (code, GC info and EH info) per assembly, by the method's declaring type.</summary>
    public IReadOnlyDictionary<string, long> MethodBytesByAssembly { get; }

    /// <summary>Full names (<c>[assembly]Namespace.Type</c>) of the non-generic types referenced in the Types section.</summary>
    public IReadOnlyList<string> TypeNames { get; }

    public static MstatFile Read(string path)
    {
        using var pe = new PEReader(File.OpenRead(path));
        var reader = pe.GetMetadataReader();
        var assemblies = reader.AssemblyReferences.Select(h => reader.GetString(reader.GetAssemblyReference(h).Name)).ToList();

        var globalType = reader.GetTypeDefinition(MetadataTokens.TypeDefinitionHandle(1));
        var sections = globalType.GetMethods()
            .Select(reader.GetMethodDefinition)
            .ToDictionary(m => reader.GetString(m.Name), m => m.RelativeVirtualAddress, StringComparer.Ordinal);
        if (!sections.TryGetValue("Methods", out var methodsRva) || !sections.TryGetValue("Types", out var typesRva))
        {
            throw new InvalidDataException($"'{path}' is not an mstat file: its global type has no Methods and Types sections.");
        }

        var owner = new OwningAssembly(reader);
        var methodBytes = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (token, numbers) in Records(pe.GetMethodBody(methodsRva)))
        {
            // Methods: size, GC info size, EH info size (and, in newer versions, the node's offset).
            var bytes = numbers.Take(3).Sum(n => (long)n);
            var assembly = owner.OfMethod(MetadataTokens.EntityHandle(token));
            methodBytes[assembly] = methodBytes.GetValueOrDefault(assembly) + bytes;
        }

        var typeNames = new List<string>();
        foreach (var (token, _) in Records(pe.GetMethodBody(typesRva)))
        {
            var handle = MetadataTokens.EntityHandle(token);
            if (handle.Kind == HandleKind.TypeReference)
            {
                typeNames.Add(owner.FullName((TypeReferenceHandle)handle));
            }
        }

        return new MstatFile(assemblies, methodBytes, typeNames);
    }

    /// <summary>Splits a section's IL into records: one <c>ldtoken</c> and the integer constants after it.</summary>
    private static List<(int Token, List<int> Numbers)> Records(MethodBodyBlock body)
    {
        var records = new List<(int, List<int>)>();
        var il = body.GetILReader();
        while (il.RemainingBytes > 0)
        {
            var opCode = (ILOpCode)il.ReadByte();
            switch (opCode)
            {
                case ILOpCode.Ldtoken:
                    records.Add((il.ReadInt32(), []));
                    break;
                case ILOpCode.Ldc_i4:
                    Add(records, il.ReadInt32());
                    break;
                case ILOpCode.Ldc_i4_s:
                    Add(records, il.ReadSByte());
                    break;
                case >= ILOpCode.Ldc_i4_m1 and <= ILOpCode.Ldc_i4_8:
                    Add(records, opCode - ILOpCode.Ldc_i4_0);
                    break;
                case ILOpCode.Pop or ILOpCode.Ret or ILOpCode.Nop:
                    break;
                default:
                    throw new InvalidDataException($"Unexpected IL opcode {opCode} in an mstat section.");
            }
        }

        return records;
    }

    private static void Add(List<(int Token, List<int> Numbers)> records, int number)
    {
        if (records.Count > 0)
        {
            records[^1].Numbers.Add(number);
        }
    }

    /// <summary>Finds the assembly a method or type reference in the mstat file belongs to.</summary>
    private sealed class OwningAssembly(MetadataReader reader) : ISignatureTypeProvider<string, object?>
    {
        private const string Unknown = "(compiler-generated)";

        public string OfMethod(EntityHandle handle) => handle.Kind switch
        {
            HandleKind.MemberReference => OfParent(reader.GetMemberReference((MemberReferenceHandle)handle).Parent),
            HandleKind.MethodSpecification => OfMethod(reader.GetMethodSpecification((MethodSpecificationHandle)handle).Method),
            HandleKind.MethodDefinition => Unknown,
            _ => Unknown,
        };

        public string FullName(TypeReferenceHandle handle)
        {
            var type = reader.GetTypeReference(handle);
            var name = reader.GetString(type.Name);
            var ns = reader.GetString(type.Namespace);
            return type.ResolutionScope.Kind == HandleKind.TypeReference
                ? FullName((TypeReferenceHandle)type.ResolutionScope) + "+" + name
                : $"[{OfType(handle)}]{(ns.Length > 0 ? ns + "." : "")}{name}";
        }

        private string OfParent(EntityHandle parent) => parent.Kind switch
        {
            HandleKind.TypeReference => OfType((TypeReferenceHandle)parent),
            HandleKind.TypeSpecification => reader.GetTypeSpecification((TypeSpecificationHandle)parent).DecodeSignature(this, null),
            _ => Unknown,
        };

        private string OfType(TypeReferenceHandle handle)
        {
            var scope = reader.GetTypeReference(handle).ResolutionScope;
            return scope.Kind switch
            {
                HandleKind.AssemblyReference => reader.GetString(reader.GetAssemblyReference((AssemblyReferenceHandle)scope).Name),
                HandleKind.TypeReference => OfType((TypeReferenceHandle)scope),
                _ => Unknown,
            };
        }

        public string GetTypeFromReference(MetadataReader metadata, TypeReferenceHandle handle, byte rawTypeKind) => OfType(handle);

        public string GetTypeFromDefinition(MetadataReader metadata, TypeDefinitionHandle handle, byte rawTypeKind) => Unknown;

        public string GetTypeFromSpecification(MetadataReader metadata, object? genericContext, TypeSpecificationHandle handle, byte rawTypeKind) =>
            reader.GetTypeSpecification(handle).DecodeSignature(this, genericContext);

        // A generic instantiation belongs to its generic type's assembly (List<CorsKitPolicy> is CoreLib code).
        public string GetGenericInstantiation(string genericType, ImmutableArray<string> typeArguments) => genericType;

        public string GetPrimitiveType(PrimitiveTypeCode typeCode) => "System.Private.CoreLib";

        public string GetSZArrayType(string elementType) => elementType;

        public string GetArrayType(string elementType, ArrayShape shape) => elementType;

        public string GetByReferenceType(string elementType) => elementType;

        public string GetPointerType(string elementType) => elementType;

        public string GetPinnedType(string elementType) => elementType;

        public string GetModifiedType(string modifier, string unmodifiedType, bool isRequired) => unmodifiedType;

        public string GetFunctionPointerType(MethodSignature<string> signature) => Unknown;

        public string GetGenericMethodParameter(object? genericContext, int index) => Unknown;

        public string GetGenericTypeParameter(object? genericContext, int index) => Unknown;
    }
}
