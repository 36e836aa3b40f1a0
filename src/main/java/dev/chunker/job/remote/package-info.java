/**
 * Remote partitioning over RabbitMQ: where a partition request is sent ({@link dev.chunker.job.remote.PartitionRequestSender}),
 * how the manager waits for the partitions by polling the job repository and notices that no worker is there
 * ({@link dev.chunker.job.remote.RemotePartitionHandler}), and how a worker process consumes the requests, executes
 * the same worker step as a local run, beats, and takes over a partition a dead worker left
 * ({@link dev.chunker.job.remote.RemoteWorker}). Spring Batch's own {@code MessageChannelPartitionHandler} and
 * {@code StepExecutionRequestHandler} do the partitioning; this package adds the transport and the liveness rules.
 */
@NullMarked
package dev.chunker.job.remote;

import org.jspecify.annotations.NullMarked;
