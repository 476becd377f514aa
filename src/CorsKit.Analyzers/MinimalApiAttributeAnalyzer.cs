using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace CorsKit.Analyzers;

/// <summary>
/// CK0006: <c>[EnableCorsKit]</c> or <c>[DisableCorsKit]</c> on the handler of <c>MapGet</c>, <c>MapPost</c>,
/// <c>MapPut</c>, <c>MapDelete</c>, <c>MapPatch</c> or a <c>MapMethods</c> without OPTIONS. Routing would not send the
/// endpoint's preflights to it, so CorsKit refuses to start; the conventions are the way to say this on minimal APIs.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class MinimalApiAttributeAnalyzer : DiagnosticAnalyzer
{
    private static readonly ImmutableHashSet<string> SingleMethodMaps =
        ImmutableHashSet.Create(StringComparer.Ordinal, "MapGet", "MapPost", "MapPut", "MapDelete", "MapPatch");

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Rules.AttributeOnMinimalApiHandler);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            if (CorsKitSymbols.TryCreate(start.Compilation) is not { EndpointRouteBuilderExtensions: { } maps } symbols)
            {
                return;
            }

            start.RegisterOperationAction(
                op => Analyze((IInvocationOperation)op.Operation, maps, symbols, op.ReportDiagnostic), OperationKind.Invocation);
        });
    }

    private static void Analyze(IInvocationOperation call, INamedTypeSymbol maps, CorsKitSymbols symbols, Action<Diagnostic> report)
    {
        var method = call.TargetMethod;
        if (!SymbolEqualityComparer.Default.Equals(method.ContainingType, maps)
            || !(SingleMethodMaps.Contains(method.Name) || (method.Name == "MapMethods" && !MayAcceptOptions(call))))
        {
            return;
        }

        if (HasPreflightConvention(call, symbols))
        {
            return;
        }

        foreach (var argument in call.Arguments)
        {
            // Handlers are passed as Delegate (the minimal-API overloads) or RequestDelegate.
            if (argument.Parameter?.Type is not ({ TypeKind: TypeKind.Delegate } or { SpecialType: SpecialType.System_Delegate }))
            {
                continue;
            }

            var handler = HandlerMethod(argument.Value);
            foreach (var attribute in handler?.GetAttributes() ?? ImmutableArray<AttributeData>.Empty)
            {
                if (Advice(attribute, symbols) is { } advice && attribute.ApplicationSyntaxReference is { } syntax)
                {
                    report(Diagnostic.Create(
                        Rules.AttributeOnMinimalApiHandler,
                        Location.Create(syntax.SyntaxTree, syntax.Span),
                        attribute.AttributeClass!.Name.Replace("Attribute", string.Empty),
                        advice));
                }
            }
        }
    }

    /// <summary>
    /// Whether a CorsKit convention makes routing accept this endpoint's preflights anyway (then the attribute is
    /// harmless and CorsKit starts): <c>RequireCorsKit</c>/<c>DisableCorsKit</c> chained onto the <c>Map</c> call, or on
    /// the route group it is mapped on (in the group's chain, or called on the group's variable in the same method).
    /// A group that comes from a parameter or a field could have one anywhere, so it counts as having one.
    /// </summary>
    private static bool HasPreflightConvention(IInvocationOperation map, CorsKitSymbols symbols)
    {
        for (IOperation node = map; node.Parent is { } parent; node = parent)
        {
            if (parent is IInvocationOperation outer && IsConvention(outer, symbols))
            {
                return true;
            }

            if (parent is not (IArgumentOperation or IConversionOperation or IInvocationOperation))
            {
                break;
            }
        }

        return GroupHasConvention(ReceiverRoots.ReceiverOf(map), map, symbols, depth: 0);
    }

    private static bool GroupHasConvention(IOperation? group, IOperation context, CorsKitSymbols symbols, int depth)
    {
        while (group is IConversionOperation or IParenthesizedOperation)
        {
            group = group is IConversionOperation c ? c.Operand : ((IParenthesizedOperation)group).Operand;
        }

        switch (group)
        {
            case null:
                return false;
            case IInvocationOperation call:
                return IsConvention(call, symbols) || GroupHasConvention(ReceiverRoots.ReceiverOf(call), context, symbols, depth + 1);
            case ILocalReferenceOperation local when depth < 16:
                var body = context;
                while (body.Parent is not null)
                {
                    body = body.Parent;
                }

                return body.Descendants().Any(op =>
                    (op is IVariableDeclaratorOperation declarator && SymbolEqualityComparer.Default.Equals(declarator.Symbol, local.Local)
                        && GroupHasConvention(declarator.GetVariableInitializer()?.Value, context, symbols, depth + 1))
                    || (op is IInvocationOperation convention && IsConvention(convention, symbols)
                        && ReceiverRoots.ReceiverOf(convention) is ILocalReferenceOperation receiver
                        && SymbolEqualityComparer.Default.Equals(receiver.Local, local.Local)));
            case IParameterReferenceOperation or IFieldReferenceOperation or IPropertyReferenceOperation:
                // A WebApplication or builder passed in is not a group; a group passed in could carry a convention.
                return group.Type?.Name == "RouteGroupBuilder";
            default:
                return false;
        }
    }

    private static bool IsConvention(IInvocationOperation call, CorsKitSymbols symbols) =>
        call.TargetMethod.Name is "RequireCorsKit" or "DisableCorsKit"
        && CorsKitSymbols.Is(call.TargetMethod.ContainingType, symbols.EndpointConventionExtensions);

    /// <summary>What to write instead of a CorsKit attribute; <see langword="null"/> for any other attribute.</summary>
    private static string? Advice(AttributeData attribute, CorsKitSymbols symbols)
    {
        if (CorsKitSymbols.Is(attribute.AttributeClass, symbols.DisableAttribute))
        {
            return "use .DisableCorsKit() on the endpoint or its route group instead";
        }

        if (!CorsKitSymbols.Is(attribute.AttributeClass, symbols.EnableAttribute))
        {
            return null;
        }

        return attribute.ConstructorArguments is [{ Value: string name }]
            ? $"use .RequireCorsKit(\"{name}\") on the endpoint or its route group instead"
            : "remove it (an endpoint without CorsKit metadata gets the app-wide policy), or name a policy with .RequireCorsKit(\"name\")";
    }

    private static IMethodSymbol? HandlerMethod(IOperation value)
    {
        while (value is IConversionOperation or IDelegateCreationOperation or IParenthesizedOperation)
        {
            value = value switch
            {
                IConversionOperation conversion => conversion.Operand,
                IDelegateCreationOperation creation => creation.Target,
                _ => ((IParenthesizedOperation)value).Operand,
            };
        }

        return value switch
        {
            IAnonymousFunctionOperation lambda => lambda.Symbol,
            IMethodReferenceOperation reference => reference.Method,
            _ => null,
        };
    }

    /// <summary>Whether a <c>MapMethods</c> call's method list could contain OPTIONS (then routing does accept the
    /// preflight): true unless the list is written out and lacks it.</summary>
    private static bool MayAcceptOptions(IInvocationOperation call)
    {
        var methods = call.Arguments.FirstOrDefault(a => a.Parameter?.Name == "httpMethods")?.Value;
        while (methods is IConversionOperation conversion)
        {
            methods = conversion.Operand;
        }

        var elements = methods switch
        {
            IArrayCreationOperation { Initializer: { } initializer } => initializer.ElementValues,
            ICollectionExpressionOperation collection => collection.Elements,
            _ => default(ImmutableArray<IOperation>?),
        };
        return elements is not { } values
            || values.Any(v => v.ConstantValue is not { HasValue: true, Value: string s } || string.Equals(s, "OPTIONS", StringComparison.OrdinalIgnoreCase));
    }
}
