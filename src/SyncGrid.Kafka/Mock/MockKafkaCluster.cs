using System.Runtime.InteropServices;
using System.Text;
using Confluent.Kafka;
using ErrorCode = Confluent.Kafka.ErrorCode;

namespace SyncGrid.Kafka.Mock;

/// <summary>
/// A librdkafka mock Kafka cluster: real brokers on 127.0.0.1 that any Kafka client reaches through
/// <see cref="BootstrapServers"/>. Consumer groups, commits and idempotent producers work; topics are auto-created
/// with 4 partitions unless created first with <see cref="CreateTopic"/>. For tests and the demo only: production
/// configuration points at a real Kafka.
/// </summary>
/// <remarks>
/// The cluster lives inside a private native <c>rd_kafka_t</c> producer handle made for it (no Confluent client
/// exposes its native handle), and dies with <see cref="Dispose"/>.
/// </remarks>
public sealed class MockKafkaCluster : IDisposable
{
    private const int ErrorTextSize = 512;
    private readonly Lock _gate = new();
    private nint _handle;
    private nint _cluster;

    /// <summary>Starts a mock cluster with <paramref name="brokerCount"/> brokers, ids 1..N.</summary>
    public MockKafkaCluster(int brokerCount = 3)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(brokerCount, 1);
        // Confluent.Kafka finds and loads the shipped librdkafka; loading it first makes the imports below bind to that same library.
        Library.Load();
        BrokerCount = brokerCount;
        var conf = LibrdkafkaMockNative.ConfNew();
        var error = new byte[ErrorTextSize];
        // The handle only hosts the cluster and never connects anywhere; keep its "no bootstrap.servers" notice quiet.
        if (LibrdkafkaMockNative.ConfSet(conf, "log_level", "3", error, ErrorTextSize) != LibrdkafkaMockNative.ConfOk)
        {
            LibrdkafkaMockNative.ConfDestroy(conf);
            throw new InvalidOperationException($"librdkafka rejected log_level: {Text(error)}");
        }

        _handle = LibrdkafkaMockNative.New(LibrdkafkaMockNative.ProducerType, conf, error, ErrorTextSize);
        if (_handle == 0)
        {
            LibrdkafkaMockNative.ConfDestroy(conf);
            throw new InvalidOperationException($"librdkafka could not create the handle that hosts the mock cluster: {Text(error)}");
        }

        _cluster = LibrdkafkaMockNative.MockClusterNew(_handle, brokerCount);
        if (_cluster == 0)
        {
            LibrdkafkaMockNative.Destroy(_handle);
            _handle = 0;
            throw new InvalidOperationException($"librdkafka could not start a mock cluster with {brokerCount} brokers.");
        }

        BootstrapServers = Marshal.PtrToStringUTF8(LibrdkafkaMockNative.MockClusterBootstraps(_cluster))
            ?? throw new InvalidOperationException("The mock cluster reported no bootstrap servers.");
    }

    /// <summary>The brokers' addresses, <c>127.0.0.1:port,...</c>, for <c>bootstrap.servers</c>.</summary>
    public string BootstrapServers { get; }

    /// <summary>The number of brokers; their ids are 1..<see cref="BrokerCount"/>.</summary>
    public int BrokerCount { get; }

    /// <summary>Creates <paramref name="topic"/> with <paramref name="partitions"/> partitions, replicated on up to 3 brokers.</summary>
    public void CreateTopic(string topic, int partitions)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(topic);
        ArgumentOutOfRangeException.ThrowIfLessThan(partitions, 1);
        var replication = Math.Min(BrokerCount, 3);
        Check(LibrdkafkaMockNative.MockTopicCreate(Cluster(), topic, partitions, replication), $"create topic {topic} ({partitions} partitions)");
    }

    /// <summary>Takes broker <paramref name="brokerId"/> down: its connections close and it accepts no new ones.</summary>
    public void SetBrokerDown(int brokerId) => Check(LibrdkafkaMockNative.MockBrokerSetDown(Cluster(), brokerId), $"take broker {brokerId} down");

    /// <summary>Brings broker <paramref name="brokerId"/> back up.</summary>
    public void SetBrokerUp(int brokerId) => Check(LibrdkafkaMockNative.MockBrokerSetUp(Cluster(), brokerId), $"bring broker {brokerId} up");

    /// <summary>
    /// Makes broker <paramref name="brokerId"/> the leader of a partition, as a controller's election would: clients
    /// learn it from the metadata the next time they ask (a request to the old leader answers NOT_LEADER_OR_FOLLOWER).
    /// </summary>
    public void SetPartitionLeader(string topic, int partition, int brokerId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(topic);
        Check(LibrdkafkaMockNative.MockPartitionSetLeader(Cluster(), topic, partition, brokerId), $"make broker {brokerId} the leader of {topic}[{partition}]");
    }

    /// <summary>Makes broker <paramref name="brokerId"/> the coordinator of consumer group <paramref name="groupId"/> (its commits and offsets).</summary>
    public void SetGroupCoordinator(string groupId, int brokerId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(groupId);
        Check(LibrdkafkaMockNative.MockCoordinatorSet(Cluster(), "group", groupId, brokerId), $"make broker {brokerId} the coordinator of group {groupId}");
    }

    /// <summary>
    /// Makes the next requests with Kafka API key <paramref name="apiKey"/> (0 Produce, 1 Fetch, 8 OffsetCommit, ...)
    /// fail, one error per request, in order.
    /// </summary>
    public void PushRequestErrors(short apiKey, params ErrorCode[] errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var codes = Array.ConvertAll(errors, static e => (int)e);
        LibrdkafkaMockNative.MockPushRequestErrorsArray(Cluster(), apiKey, (nuint)codes.Length, codes);
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_cluster != 0)
            {
                LibrdkafkaMockNative.MockClusterDestroy(_cluster);
                _cluster = 0;
            }

            if (_handle != 0)
            {
                LibrdkafkaMockNative.Destroy(_handle);
                _handle = 0;
            }
        }
    }

    private nint Cluster()
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_cluster == 0, this);
            return _cluster;
        }
    }

    private static void Check(int error, string what)
    {
        if (error != 0)
        {
            throw new InvalidOperationException($"The mock cluster could not {what}: {(ErrorCode)error}.");
        }
    }

    private static string Text(byte[] buffer)
    {
        var end = Array.IndexOf(buffer, (byte)0);
        return Encoding.UTF8.GetString(buffer, 0, end < 0 ? buffer.Length : end);
    }
}
