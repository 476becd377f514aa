using System.Collections.Concurrent;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace CorsKit.Analyzers;

/// <summary>
/// Finds what a fluent chain of calls started from, so calls split over statements, variables and lambdas are grouped
/// with the calls on the same object: <c>p.WithOrigins(..).AllowCredentials()</c>, <c>var b = p.WithOrigins(..);
/// b.AllowCredentials();</c> and <c>p => { p.WithOrigins(..); p.AllowCredentials(); }</c> all have the root <c>p</c>.
/// </summary>
/// <remarks>Built per operation block (a method with its lambdas and local functions). Roots are the symbol of a
/// parameter, local, field or property, or the operation that created the object; a local initialised from a chain
/// has that chain's root.</remarks>
internal sealed class ReceiverRoots
{
    private readonly Func<IInvocationOperation, bool> _isFluentCall;
    private readonly ConcurrentDictionary<ILocalSymbol, IOperation> _localInitializers = new(SymbolEqualityComparer.Default);

    /// <param name="isFluentCall">Whether a call returns the object it was called on (so its receiver continues the chain).</param>
    public ReceiverRoots(Func<IInvocationOperation, bool> isFluentCall) => _isFluentCall = isFluentCall;

    /// <summary>Compares roots: symbols by <see cref="SymbolEqualityComparer.Default"/>, operations by reference.</summary>
    public static IEqualityComparer<object> Comparer { get; } = new RootComparer();

    /// <summary>Records <c>var x = ...;</c> so a chain continued through <c>x</c> finds where it started.</summary>
    public void AddDeclarator(IVariableDeclaratorOperation declarator)
    {
        var initializer = declarator.GetVariableInitializer()?.Value;
        if (initializer is not null)
        {
            _localInitializers[declarator.Symbol] = initializer;
        }
    }

    /// <summary>The object a call is made on: its instance, or the first argument of an extension method.</summary>
    public static IOperation? ReceiverOf(IInvocationOperation invocation) =>
        invocation.Instance ?? (invocation.TargetMethod.IsExtensionMethod && invocation.Arguments.Length > 0
            ? invocation.Arguments[0].Value
            : null);

    /// <summary>The root of the chain <paramref name="invocation"/> belongs to; never <see langword="null"/>.</summary>
    public object RootOf(IInvocationOperation invocation) => RootOfValue(ReceiverOf(invocation)) ?? invocation;

    private object? RootOfValue(IOperation? value)
    {
        // Bounded: a chain is as long as the source; the guard only protects against a local initialised from itself.
        for (var depth = 0; value is not null && depth < 256; depth++)
        {
            switch (value)
            {
                case IConversionOperation conversion:
                    value = conversion.Operand;
                    break;
                case IParenthesizedOperation parenthesized:
                    value = parenthesized.Operand;
                    break;
                case IInvocationOperation call when _isFluentCall(call):
                    value = ReceiverOf(call);
                    break;
                case ILocalReferenceOperation local:
                    if (_localInitializers.TryGetValue(local.Local, out var initializer) && IsChainContinuation(initializer))
                    {
                        value = initializer;
                        break;
                    }

                    return local.Local;
                case IParameterReferenceOperation parameter:
                    return parameter.Parameter;
                case IFieldReferenceOperation field:
                    return field.Field;
                case IPropertyReferenceOperation property:
                    return property.Property;
                case IInstanceReferenceOperation:
                    return value.Type;
                default:
                    return value;
            }
        }

        return value;
    }

    // A local initialised from a fluent call continues that chain; one initialised from anything else (a factory, a
    // 'new') starts its own, rooted at the local.
    private bool IsChainContinuation(IOperation initializer)
    {
        while (initializer is IConversionOperation or IParenthesizedOperation)
        {
            initializer = initializer is IConversionOperation c ? c.Operand : ((IParenthesizedOperation)initializer).Operand;
        }

        return initializer is IInvocationOperation call && _isFluentCall(call)
            || initializer is ILocalReferenceOperation or IParameterReferenceOperation;
    }

    private sealed class RootComparer : IEqualityComparer<object>
    {
        public new bool Equals(object? x, object? y) =>
            x is ISymbol a && y is ISymbol b ? SymbolEqualityComparer.Default.Equals(a, b) : ReferenceEquals(x, y);

        public int GetHashCode(object obj) =>
            obj is ISymbol symbol ? SymbolEqualityComparer.Default.GetHashCode(symbol) : System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj);
    }
}
