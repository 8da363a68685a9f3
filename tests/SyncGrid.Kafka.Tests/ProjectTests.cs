namespace SyncGrid.Kafka.Tests; public class ProjectTests { [Fact] public void Assembly_Loads() => Assert.NotNull(typeof(ProjectTests).Assembly); }
