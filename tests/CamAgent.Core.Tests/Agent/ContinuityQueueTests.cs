using CamAgent.Core.Agent;
using CamAgent.Core.Evidence;
using CamAgent.Core.Tests.Fakes;
using CamAgent.Core.Time;

namespace CamAgent.Core.Tests.Agent;

public sealed class ContinuityQueueTests
{
    private static TimeMark Mark(long wall)
    {
        var floor = new TimeFloor(new MemoryRecordSlots());
        var clock = new ClockMonitor(floor);
        clock.Observe(wall, 0);
        var mark = new TimeMark();
        clock.Capture(mark);
        return mark;
    }

    [Fact]
    public void Hands_Events_Out_Oldest_First_With_Their_Marks()
    {
        var queue = new ContinuityQueue();
        queue.Enqueue(ContinuityEvent.PowerLossRecovery, 0, Mark(1));
        queue.Enqueue(ContinuityEvent.ClockStep, 500, Mark(2));
        Assert.Equal(ContinuityEvent.PowerLossRecovery, queue.Peek().Event);
        queue.Dequeue();
        Assert.Equal(ContinuityEvent.ClockStep, queue.Peek().Event);
        Assert.Equal(500, queue.Peek().Detail);
        Assert.Equal(2, queue.Peek().Mark.WallUnixMs);
        queue.Dequeue();
        Assert.Null(queue.Peek());
    }

    [Fact]
    public void When_Full_Merges_Clock_Steps_And_Refuses_Other_Events()
    {
        var queue = new ContinuityQueue();
        for (int i = 0; i < AgentConstants.ContinuityQueueCapacity - 1; i++)
        {
            Assert.True(queue.Enqueue(ContinuityEvent.RecordingStart, 0, Mark(i)));
        }

        Assert.True(queue.Enqueue(ContinuityEvent.ClockStep, 1000, Mark(10)));
        Assert.True(queue.Enqueue(ContinuityEvent.ClockStep, -300, Mark(11)));
        Assert.False(queue.Enqueue(ContinuityEvent.RecordingStop, 0, Mark(12)));
        Assert.Equal(AgentConstants.ContinuityQueueCapacity, queue.Count);
        for (int i = 0; i < AgentConstants.ContinuityQueueCapacity - 1; i++)
        {
            queue.Dequeue();
        }

        Assert.Equal(700, queue.Peek().Detail);
    }

    [Fact]
    public void Enqueue_And_Dequeue_Allocate_Nothing()
    {
        var queue = new ContinuityQueue();
        TimeMark mark = Mark(1);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++)
        {
            queue.Enqueue(ContinuityEvent.ClockStep, i, mark);
            queue.Dequeue();
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
