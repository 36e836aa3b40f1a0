package dev.chunker.cli;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
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

import com.sun.management.GarbageCollectionNotificationInfo;
import org.jspecify.annotations.Nullable;

/**
 * The most heap in use during a command, from the JVM's own readings: the heap in use just before each garbage
 * collection (when it is highest) and at the end. No sampling thread; the benchmark's finer sampler is
 * {@code bench.Resources}, for {@code chunker bench} only.
 */
final class HeapPeak implements AutoCloseable {

	private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

	private final AtomicLong peak = new AtomicLong(MEMORY.getHeapMemoryUsage().getUsed());

	private final List<NotificationEmitter> emitters = new ArrayList<>();

	private final NotificationListener listener = this::collected;

	private final Set<String> heapPools = ManagementFactory.getMemoryPoolMXBeans()
		.stream()
		.filter((pool) -> pool.getType() == MemoryType.HEAP)
		.map(MemoryPoolMXBean::getName)
		.collect(Collectors.toUnmodifiableSet());

	private HeapPeak() {
	}

	/** Starts listening to the collectors. */
	static HeapPeak start() {
		HeapPeak heap = new HeapPeak();
		for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
			if (collector instanceof NotificationEmitter emitter) {
				emitter.addNotificationListener(heap.listener, (notification) -> GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION
					.equals(notification.getType()), null);
				heap.emitters.add(emitter);
			}
		}
		return heap;
	}

	private void collected(Notification notification, @Nullable Object handback) {
		if (!(notification.getUserData() instanceof CompositeData data)) {
			return;
		}
		GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from(data);
		// One consistent reading of every pool; only the heap pools count (metaspace and code cache are in it too).
		long used = 0;
		for (Map.Entry<String, MemoryUsage> pool : info.getGcInfo().getMemoryUsageBeforeGc().entrySet()) {
			if (this.heapPools.contains(pool.getKey())) {
				used += pool.getValue().getUsed();
			}
		}
		this.peak.accumulateAndGet(used, Math::max);
	}

	/** The most heap in use seen so far, in MiB. */
	long peakMiB() {
		return this.peak.accumulateAndGet(MEMORY.getHeapMemoryUsage().getUsed(), Math::max) / (1024 * 1024);
	}

	@Override
	public void close() {
		for (NotificationEmitter emitter : this.emitters) {
			try {
				emitter.removeNotificationListener(this.listener);
			}
			catch (ListenerNotFoundException ex) {
				// Already gone.
			}
		}
		this.emitters.clear();
	}

}
