namespace SyncGrid.Sandbox.Tests; public class ProjectTests { [Fact] public void Assembly_Loads() => Assert.NotNull(typeof(ProjectTests).Assembly); }
