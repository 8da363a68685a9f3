using SyncGrid.Cli;

return await SyncGridCli.RunAsync(args).ConfigureAwait(false);
