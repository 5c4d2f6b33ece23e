/**
 * Runs `work` for each task, `concurrency` at a time, each worker taking the next task when it is
 * free. No task starts once the run is cancelled, or once a task answered false (a row that
 * stops the run). The one worker pool of the batch: lookups and sends both use it.
 */
export async function runPool<T>(
	tasks: readonly T[],
	{ concurrency, cancelled }: { concurrency: number; cancelled: () => boolean },
	work: (task: T) => Promise<boolean | void>,
): Promise<void> {
	let next = 0;
	let stopping = false;
	const worker = async (): Promise<void> => {
		while (!stopping && next < tasks.length && !cancelled()) {
			if ((await work(tasks[next++])) === false) stopping = true;
		}
	};
	await Promise.all(Array.from({ length: Math.min(concurrency, tasks.length) }, worker));
}
