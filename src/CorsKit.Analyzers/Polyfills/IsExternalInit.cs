#if !NET
namespace System.Runtime.CompilerServices;

/// <summary>Lets netstandard2.0 compile the shared <c>record</c> types (init-only setters need this marker type).</summary>
internal static class IsExternalInit
{
}
#endif
