using System.Collections.Concurrent;
using System.Collections.Immutable;
using CorsKit.Origins;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace CorsKit.Analyzers;

/// <summary>
/// CK0001 and CK0002: what <c>CorsKitPolicyBuilder.Build()</c> would refuse at startup, found in the calls on one
/// builder (a fluent chain, or calls on the same lambda parameter or variable): origin literals the shared origin
/// parser rejects, plain-http or <c>null</c> origins with <c>AllowCredentials()</c>, and any origin with credentials.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class PolicyBuilderAnalyzer : DiagnosticAnalyzer
{
    /// <summary>Diagnostic property: the normalised spelling a code fix may put in place of the literal.</summary>
    public const string ReplacementProperty = "Replacement";

    private const string AnyOrigin = "*";

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Rules.InvalidOrigin, Rules.AnyOriginWithCredentials);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            if (CorsKitSymbols.TryCreate(start.Compilation) is not { } symbols)
            {
                return;
            }

            start.RegisterOperationBlockStartAction(block =>
            {
                var roots = new ReceiverRoots(call => IsBuilderCall(call, symbols));
                var calls = new ConcurrentQueue<IInvocationOperation>();
                block.RegisterOperationAction(
                    op => roots.AddDeclarator((IVariableDeclaratorOperation)op.Operation), OperationKind.VariableDeclarator);
                block.RegisterOperationAction(
                    op =>
                    {
                        var call = (IInvocationOperation)op.Operation;
                        if (IsBuilderCall(call, symbols))
                        {
                            calls.Enqueue(call);
                        }
                    },
                    OperationKind.Invocation);
                block.RegisterOperationBlockEndAction(end =>
                {
                    foreach (var chain in calls.GroupBy(roots.RootOf, ReceiverRoots.Comparer))
                    {
                        AnalyzeChain(chain.ToList(), end.ReportDiagnostic);
                    }
                });
            });
        });
    }

    private static bool IsBuilderCall(IInvocationOperation call, CorsKitSymbols symbols) =>
        !call.TargetMethod.IsStatic && CorsKitSymbols.Is(call.TargetMethod.ContainingType, symbols.PolicyBuilder);

    private static void AnalyzeChain(List<IInvocationOperation> chain, Action<Diagnostic> report)
    {
        // Combinations count only when both calls always run: "if (shape.AnyOrigin) p.AllowAnyOrigin();" next to
        // "if (shape.Credentials) p.AllowCredentials();" may never meet. The insecure opt-in counts wherever it is.
        var allowsCredentials = chain.Any(c => c.TargetMethod.Name == "AllowCredentials" && !IsConditional(c));
        var allowsInsecure = chain.Any(c => c.TargetMethod.Name == "DangerouslyAllowInsecureOriginsWithCredentials");
        foreach (var call in chain)
        {
            var conditional = IsConditional(call);
            if (call.TargetMethod.Name == "AllowAnyOrigin" && allowsCredentials && !conditional)
            {
                report(Diagnostic.Create(Rules.AnyOriginWithCredentials, SyntaxLocations.NameAndArguments(call), OriginCredentialMessages.AnyOriginWithCredentials));
            }

            if (call.TargetMethod.Name != "WithOrigins")
            {
                continue;
            }

            foreach (var element in OriginElements(call))
            {
                if (element.ConstantValue is not { HasValue: true, Value: string origin })
                {
                    continue;
                }

                if (origin == AnyOrigin)
                {
                    if (allowsCredentials && !conditional)
                    {
                        report(Diagnostic.Create(Rules.AnyOriginWithCredentials, element.Syntax.GetLocation(), OriginCredentialMessages.AnyOriginWithCredentials));
                    }

                    continue;
                }

                if (Check(origin, allowsCredentials && !allowsInsecure && !conditional) is { } problem)
                {
                    var properties = problem.Replacement is not null && element.Syntax is LiteralExpressionSyntax
                        ? ImmutableDictionary<string, string?>.Empty.Add(ReplacementProperty, problem.Replacement)
                        : ImmutableDictionary<string, string?>.Empty;
                    report(Diagnostic.Create(Rules.InvalidOrigin, element.Syntax.GetLocation(), properties, origin, problem.Message));
                }
            }
        }
    }

    /// <summary>Whether a call runs only on some paths of the code that configures the policy: inside an <c>if</c>, a
    /// <c>switch</c>, a <c>?:</c>, a <c>?.</c> or a <c>??</c> between the call and the enclosing lambda or method.</summary>
    private static bool IsConditional(IInvocationOperation call)
    {
        for (var child = (IOperation)call; child.Parent is { } parent; child = parent)
        {
            switch (parent)
            {
                case IAnonymousFunctionOperation or ILocalFunctionOperation:
                    return false;
                case IConditionalOperation conditional when child != conditional.Condition:
                case ISwitchCaseOperation or ISwitchExpressionArmOperation:
                case IConditionalAccessOperation access when child == access.WhenNotNull:
                case ICoalesceOperation coalesce when child == coalesce.WhenNull:
                    return true;
            }
        }

        return false;
    }

    /// <summary>The values of a <c>params string[]</c> argument written inline: <c>WithOrigins("a", "b")</c>,
    /// <c>WithOrigins(new[] { "a" })</c> or <c>WithOrigins(["a"])</c>.</summary>
    private static IEnumerable<IOperation> OriginElements(IInvocationOperation call)
    {
        foreach (var argument in call.Arguments)
        {
            var value = argument.Value;
            while (value is IConversionOperation conversion)
            {
                value = conversion.Operand;
            }

            switch (value)
            {
                case IArrayCreationOperation { Initializer: { } initializer }:
                    foreach (var element in initializer.ElementValues)
                    {
                        yield return element;
                    }

                    break;
                case ICollectionExpressionOperation collection:
                    foreach (var element in collection.Elements)
                    {
                        yield return element;
                    }

                    break;
                default:
                    yield return value;
                    break;
            }
        }
    }

    /// <summary>What startup would say about one origin, and the spelling that would be accepted where there is an
    /// unambiguous one (a trailing slash dropped; https:// added where the scheme is missing, as the message advises).</summary>
    private static (string Message, string? Replacement)? Check(string origin, bool requireSecure)
    {
        if (OriginEntryParser.TryParse(origin, out var entry, out var error))
        {
            return InsecureWithCredentials(entry!, requireSecure) is { } insecure ? (insecure, null) : null;
        }

        return (error!, Normalised(origin, requireSecure));
    }

    private static string? InsecureWithCredentials(OriginEntry entry, bool requireSecure)
    {
        if (!requireSecure || entry.IsSecure || entry.IsLoopback)
        {
            return null;
        }

        return entry.Value == OriginEntryParser.NullOrigin
            ? OriginCredentialMessages.NullOriginWithCredentials
            : OriginCredentialMessages.PlainHttpOriginWithCredentials;
    }

    private static string? Normalised(string origin, bool requireSecure)
    {
        var candidate = origin.Trim().TrimEnd('/');
        if (candidate.Length == 0)
        {
            return null;
        }

        if (candidate.IndexOf("://", StringComparison.Ordinal) < 0)
        {
            candidate = "https://" + candidate;
        }

        return candidate != origin
            && OriginEntryParser.TryParse(candidate, out var entry, out _)
            && InsecureWithCredentials(entry!, requireSecure) is null
            ? entry!.Value
            : null;
    }
}
