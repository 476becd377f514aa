return await CorsKit.Tool.CorsKitCli.RunAsync(args, Console.Out, Console.Error).ConfigureAwait(false);
