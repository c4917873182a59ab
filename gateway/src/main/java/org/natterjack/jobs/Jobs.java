package org.natterjack.jobs;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.InterruptableJob;
import org.quartz.JobBuilder;
import org.quartz.JobExecutionContext;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.TriggerBuilder;
import org.quartz.impl.StdSchedulerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's periodic work on a Quartz scheduler (in memory, a few named threads). Jobs only delegate
 * to a service method; a failing run is logged and the next run happens on schedule.
 */
public final class Jobs implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Jobs.class);

    private final Scheduler scheduler;
    private final Map<String, Runnable> tasks = new ConcurrentHashMap<>();

    public Jobs() {
        Properties p = new Properties();
        p.setProperty("org.quartz.scheduler.instanceName", "natterjack-jobs");
        p.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
        p.setProperty("org.quartz.threadPool.threadCount", "3");
        p.setProperty("org.quartz.threadPool.threadNamePrefix", "natterjack-job");
        p.setProperty("org.quartz.jobStore.class", "org.quartz.simpl.RAMJobStore");
        try {
            scheduler = new StdSchedulerFactory(p).getScheduler();
            scheduler.setJobFactory((bundle, s) -> new TaskJob(tasks.get(bundle.getJobDetail().getKey().getName())));
        } catch (SchedulerException e) {
            throw new IllegalStateException("cannot create the job scheduler: " + e.getMessage(), e);
        }
    }

    /** Runs {@code task} every {@code interval}, first after one interval. */
    public void every(Duration interval, String name, Runnable task) {
        tasks.put(name, task);
        try {
            scheduler.scheduleJob(
                    JobBuilder.newJob(TaskJob.class).withIdentity(name).build(),
                    TriggerBuilder.newTrigger().withIdentity(name)
                            .startAt(new java.util.Date(System.currentTimeMillis() + interval.toMillis()))
                            .withSchedule(SimpleScheduleBuilder.simpleSchedule()
                                    .withIntervalInMilliseconds(interval.toMillis()).repeatForever()
                                    .withMisfireHandlingInstructionNextWithRemainingCount())
                            .build());
        } catch (SchedulerException e) {
            throw new IllegalStateException("cannot schedule job " + name + ": " + e.getMessage(), e);
        }
    }

    /** Stops job {@code name} (a run in progress finishes); nothing happens if there is none. */
    public void cancel(String name) {
        try {
            scheduler.deleteJob(new JobKey(name));
        } catch (SchedulerException e) {
            throw new IllegalStateException("cannot stop job " + name + ": " + e.getMessage(), e);
        }
        tasks.remove(name);
    }

    public void start() {
        try {
            scheduler.start();
        } catch (SchedulerException e) {
            throw new IllegalStateException("cannot start the job scheduler: " + e.getMessage(), e);
        }
    }

    /** Interrupts running jobs (a paced keepalive round may be sleeping), waits for them, and stops. */
    @Override
    public void close() {
        try {
            for (JobExecutionContext running : scheduler.getCurrentlyExecutingJobs()) {
                scheduler.interrupt(running.getJobDetail().getKey());
            }
            scheduler.shutdown(true);
        } catch (SchedulerException e) {
            LOG.warn("Job scheduler did not shut down cleanly: {}", e.getMessage());
        }
    }

    /** Adapts a service method to Quartz; never two runs of the same job at once; interruptible at shutdown. */
    @DisallowConcurrentExecution
    static final class TaskJob implements InterruptableJob {
        private final Runnable task;
        private volatile Thread runner;

        TaskJob(Runnable task) {
            this.task = task;
        }

        @Override
        public void execute(JobExecutionContext context) {
            runner = Thread.currentThread();
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.error("Job {} failed: {}", context.getJobDetail().getKey().getName(), e.toString(), e);
            } finally {
                runner = null;
                Thread.interrupted(); // leave the pool thread clean
            }
        }

        @Override
        public void interrupt() {
            Thread t = runner;
            if (t != null) {
                t.interrupt();
            }
        }
    }
}
