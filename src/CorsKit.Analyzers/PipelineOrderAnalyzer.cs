using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace CorsKit.Analyzers;

/// <summary>
/// CK0003, CK0004 and CK0005: the order of the middleware calls made on one <c>WebApplication</c> or
/// <c>IApplicationBuilder</c> in the method that builds the pipeline. <c>UseHttpsRedirection()</c>,
/// <c>UseRateLimiter()</c> and the like are deliberately not checked: Microsoft documents them before CORS.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class PipelineOrderAnalyzer : DiagnosticAnalyzer
{
    private const string UseCorsKit = "UseCorsKit";
    private const string UseCors = "UseCors";
    private const string UseRouting = "UseRouting";
    private const string UseAuthentication = "UseAuthentication";
    private const string UseAuthorization = "UseAuthorization";

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Rules.CorsAfterAuthentication, Rules.CorsBeforeRouting, Rules.TwoCorsMiddlewares);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            if (CorsKitSymbols.TryCreate(start.Compilation) is not { ApplicationBuilder: { } applicationBuilder } symbols)
            {
                return;
            }

            start.RegisterOperationBlockStartAction(block =>
            {
                var roots = new ReceiverRoots(call => IsApplicationBuilderCall(call, applicationBuilder));
                var calls = new ConcurrentQueue<IInvocationOperation>();
                block.RegisterOperationAction(
                    op => roots.AddDeclarator((IVariableDeclaratorOperation)op.Operation), OperationKind.VariableDeclarator);
                block.RegisterOperationAction(
                    op =>
                    {
                        var call = (IInvocationOperation)op.Operation;
                        if (MiddlewareName(call, symbols, applicationBuilder) is not null)
                        {
                            calls.Enqueue(call);
                        }
                    },
                    OperationKind.Invocation);
                block.RegisterOperationBlockEndAction(end =>
                {
                    foreach (var pipeline in calls.GroupBy(roots.RootOf, ReceiverRoots.Comparer))
                    {
                        Analyze(pipeline.OrderBy(c => c.Syntax.SpanStart).ToList(), symbols, applicationBuilder, end.ReportDiagnostic);
                    }
                });
            });
        });
    }

    /// <summary>The middleware a call adds, when it is one this analyzer orders; <see langword="null"/> otherwise.</summary>
    private static string? MiddlewareName(IInvocationOperation call, CorsKitSymbols symbols, INamedTypeSymbol applicationBuilder)
    {
        var method = call.TargetMethod;
        if (!IsApplicationBuilderCall(call, applicationBuilder))
        {
            return null;
        }

        return method.Name switch
        {
            UseCorsKit when CorsKitSymbols.Is(method.ContainingType, symbols.ApplicationBuilderExtensions) => UseCorsKit,
            UseCors or UseRouting or UseAuthentication or UseAuthorization
                when method.ContainingNamespace?.ToDisplayString() == "Microsoft.AspNetCore.Builder" => method.Name,
            _ => null,
        };
    }

    private static bool IsApplicationBuilderCall(IInvocationOperation call, INamedTypeSymbol applicationBuilder)
    {
        var method = call.TargetMethod;
        return method.IsExtensionMethod
            && method.Parameters.Length > 0
            && IsApplicationBuilder(method.Parameters[0].Type, applicationBuilder);
    }

    private static bool IsApplicationBuilder(ITypeSymbol type, INamedTypeSymbol applicationBuilder) =>
        SymbolEqualityComparer.Default.Equals(type, applicationBuilder)
        || type.AllInterfaces.Contains(applicationBuilder, SymbolEqualityComparer.Default);

    private static void Analyze(
        List<IInvocationOperation> pipeline, CorsKitSymbols symbols, INamedTypeSymbol applicationBuilder, Action<Diagnostic> report)
    {
        var names = pipeline.Select(c => MiddlewareName(c, symbols, applicationBuilder)).ToList();
        var corsKitCalls = Enumerable.Range(0, pipeline.Count).Where(i => names[i] == UseCorsKit).ToList();
        if (corsKitCalls.Count == 0)
        {
            return;
        }

        foreach (var i in corsKitCalls)
        {
            var corsKit = pipeline[i];
            var firstAuth = names.FindIndex(0, i, name => name is UseAuthentication or UseAuthorization);
            if (firstAuth >= 0)
            {
                report(Diagnostic.Create(
                    Rules.CorsAfterAuthentication,
                    SyntaxLocations.NameAndArguments(corsKit),
                    [pipeline[firstAuth].Syntax.GetLocation()],
                    names[firstAuth]));
            }

            var laterRouting = names.FindIndex(i + 1, name => name == UseRouting);
            if (laterRouting >= 0)
            {
                report(Diagnostic.Create(
                    Rules.CorsBeforeRouting,
                    SyntaxLocations.NameAndArguments(corsKit),
                    [pipeline[laterRouting].Syntax.GetLocation()]));
            }
        }

        for (var i = 0; i < pipeline.Count; i++)
        {
            if (names[i] == UseCors)
            {
                report(Diagnostic.Create(Rules.TwoCorsMiddlewares, SyntaxLocations.NameAndArguments(pipeline[i])));
            }
        }
    }
}
