package io.connectors.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * The memory of this JVM during one phase, measured in-process:
 * <ul>
 *   <li><b>heap after GC</b>: the largest heap occupancy right after a collection, from the garbage collectors'
 *       notifications (the sum of the heap pools' "after" usage). It is what the phase keeps alive (plus old garbage a
 *       young collection did not visit): the figure a heap cap must hold;</li>
 *   <li><b>heap used</b>: the largest heap occupancy sampled every 10 ms between collections, garbage included;</li>
 *   <li><b>collections</b>: the stop-the-world collections and their total pause time (concurrent cycles left out);</li>
 *   <li><b>RSS</b>: the peak resident set size of the process from {@code VmHWM}, reset at the start (see
 *       {@link Proc#resetPeakRss()}); where the reset is refused, the peak of {@code VmRSS} sampled every 10 ms.</li>
 * </ul>
 */
final class MemoryMeter implements AutoCloseable {

    /** What one phase used. Bytes; -1 where unknown. */
    record Usage(long heapCap, long heapAfterGcPeak, long heapUsedPeak, int collections, long gcMillis,
                 long rssPeak, String rssSource) {

        Map<String, Object> toMap() {
            return Map.of("heap_cap_bytes", heapCap, "heap_after_gc_peak_bytes", heapAfterGcPeak,
                    "heap_used_peak_bytes", heapUsedPeak, "gc_count", collections, "gc_millis", gcMillis,
                    "rss_peak_bytes", rssPeak, "rss_source", rssSource);
        }
    }

    private final Set<String> heapPools;
    private final List<NotificationEmitter> emitters = new ArrayList<>();
    private final NotificationListener listener = this::onGc;
    private final AtomicLong afterGcPeak = new AtomicLong(-1);
    private final AtomicLong usedPeak = new AtomicLong();
    private final AtomicLong rssSampledPeak = new AtomicLong();
    private final AtomicLong collections = new AtomicLong();
    private final AtomicLong gcMillis = new AtomicLong();
    private final boolean rssReset;
    private final Thread sampler;
    private volatile boolean running = true;

    private MemoryMeter() {
        heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP)
                .map(MemoryPoolMXBean::getName)
                .collect(Collectors.toSet());
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener(listener, null, null);
                emitters.add(emitter);
            }
        }
        rssReset = Proc.resetPeakRss();
        sampler = Thread.ofPlatform().daemon().name("bench-memory-sampler").start(this::sample);
    }

    /** Starts measuring now. Call {@code System.gc()} before, for a phase that should not pay for the previous one. */
    static MemoryMeter start() {
        return new MemoryMeter();
    }

    private void sample() {
        long pid = Proc.selfPid();
        int tick = 0;
        while (running) {
            usedPeak.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max);
            if (!rssReset && tick++ % 5 == 0) {
                Proc.rss(pid).ifPresent(rss -> rssSampledPeak.accumulateAndGet(rss, Math::max));
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void onGc(Notification notification, Object handback) {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
            return;
        }
        GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
        long after = 0;
        long before = 0;
        for (Map.Entry<String, MemoryUsage> pool : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
            if (heapPools.contains(pool.getKey())) {
                after += pool.getValue().getUsed();
            }
        }
        for (Map.Entry<String, MemoryUsage> pool : info.getGcInfo().getMemoryUsageBeforeGc().entrySet()) {
            if (heapPools.contains(pool.getKey())) {
                before += pool.getValue().getUsed();
            }
        }
        afterGcPeak.accumulateAndGet(after, Math::max);
        usedPeak.accumulateAndGet(before, Math::max);
        // G1 and ZGC report their concurrent cycles too: those run beside the application, they are not pauses
        if (!info.getGcName().contains("Concurrent") && !info.getGcName().contains("Cycles")) {
            collections.incrementAndGet();
            gcMillis.addAndGet(info.getGcInfo().getDuration());
        }
    }

    /** Stops measuring and tells what the phase used. */
    Usage stop() {
        running = false;
        sampler.interrupt();
        try {
            sampler.join(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        close();
        long pid = Proc.selfPid();
        long rss = rssReset ? Proc.peakRss(pid).orElse(-1) : rssSampledPeak.get();
        long afterGc = afterGcPeak.get();
        if (afterGc < 0) {
            // no collection during the phase: what is in use now is the best bound there is
            afterGc = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        }
        return new Usage(Runtime.getRuntime().maxMemory(), afterGc, usedPeak.get(), (int) collections.get(),
                gcMillis.get(), rss, rssReset ? "VmHWM" : "VmRSS sampled every 50 ms");
    }

    @Override
    public void close() {
        for (NotificationEmitter emitter : emitters) {
            try {
                emitter.removeNotificationListener(listener);
            } catch (ListenerNotFoundException ignored) {
                // already removed
            }
        }
        emitters.clear();
    }
}
