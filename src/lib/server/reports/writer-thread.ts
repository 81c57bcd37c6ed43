import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import type { ReportPayload } from '../../report/api';
import type { Db } from '../db';
import type { SealedBy } from '../db/schema';
import { DomainError, type DomainErrorStatus } from '../errors';
import { afterReportWritten, insertReport, writeReport, type WrittenReport } from './store';

/**
 * The report writer: on SQLite, the server stores new reports from a thread of its own, with a
 * connection of its own, so that writing a report (its row, its indexes, its audit line and the
 * shared commit) is done beside the work of taking the next one in (reading, checking, the proof
 * of work), not after it. Nothing else changes: writeReport is the same code, reports arriving
 * together still share a commit, and a caller hears that its report is stored only once the
 * commit holding it is on disk. The two connections share the write lock as sqlite-dialect.ts
 * says. PostgreSQL, tests and `vite dev` store on the calling thread.
 *
 * The thread runs this same file (the server's build of it) as its entry.
 */
const ROLE = 'safereport-report-writer';

interface WriteRequest {
	id: number;
	payload: ReportPayload;
	attachments: Uint8Array[];
	sealedBy: SealedBy;
}

type WriteAnswer =
	| { id: number; stored: WrittenReport }
	| {
			id: number;
			refused: { status: DomainErrorStatus; code: string; message: string; field?: string };
	  }
	| { id: number; failed: string };

interface Waiting {
	resolve: (stored: WrittenReport) => void;
	reject: (err: Error) => void;
}

let writer: { worker: Worker; waiting: Map<number, Waiting>; next: number } | null = null;

export interface WriterData {
	role: typeof ROLE;
	databaseUrl: string;
}

/** The server's thread runs this file as built; tests run it from source through a loader. */
const builtThread = (data: WriterData) =>
	new Worker(new URL(import.meta.url), { workerData: data });

/** Starts the writer's thread for the SQLite database at `databaseUrl` (once). */
export function startReportWriter(databaseUrl: string, spawn = builtThread): void {
	if (writer) {
		return;
	}
	const worker = spawn({ role: ROLE, databaseUrl });
	const started = { worker, waiting: new Map<number, Waiting>(), next: 1 };
	worker.on('message', (answer: WriteAnswer) => {
		const waiting = started.waiting.get(answer.id);
		started.waiting.delete(answer.id);
		if (!waiting) {
			return;
		}
		if ('stored' in answer) {
			waiting.resolve(answer.stored);
		} else if ('refused' in answer) {
			const { status, code, message, field } = answer.refused;
			waiting.reject(new DomainError(status, code, message, field));
		} else {
			waiting.reject(new Error(answer.failed));
		}
	});
	const stopped = (why: string) => {
		if (writer !== started) {
			return;
		}
		// Reports not yet answered are not known to be stored: their senders hear an error and
		// send again. Later reports are stored on the main thread.
		writer = null;
		console.error(`the report writer stopped (${why}); reports are now stored on the main thread`);
		for (const waiting of started.waiting.values()) {
			waiting.reject(new Error('the report writer stopped'));
		}
		started.waiting.clear();
	};
	worker.on('error', (err) => stopped(err.message));
	worker.on('exit', (code) => stopped(`exit code ${code}`));
	// The server's shutdown is not held up by the thread: a request still waiting for its report
	// keeps the server open until it is answered. After the listeners: a 'message' listener
	// holds the process open again, and the server would never end on SIGTERM or Ctrl-C.
	worker.unref();
	writer = started;
}

/** Stops the writer's thread, once every report sent to it is answered (tests, shutdown). */
export async function stopReportWriter(): Promise<void> {
	const current = writer;
	if (!current) {
		return;
	}
	while (current.waiting.size > 0) {
		await new Promise((resolve) => setTimeout(resolve, 10));
	}
	writer = null;
	await current.worker.terminate();
}

/** Stores a report: on the writer's thread when it runs, else here (insertReport). */
export async function storeReport(
	db: Db,
	payload: ReportPayload,
	attachments: Uint8Array[],
	sealedBy: SealedBy
): Promise<Pick<WrittenReport, 'id' | 'ref'>> {
	const current = writer;
	if (!current) {
		return insertReport(db, payload, attachments, sealedBy);
	}
	const id = current.next++;
	const stored = await new Promise<WrittenReport>((resolve, reject) => {
		current.waiting.set(id, { resolve, reject });
		const request: WriteRequest = { id, payload, attachments, sealedBy };
		// Files are handed over, not copied, when they own their whole buffer.
		const transfer = attachments
			.filter((a) => a.byteOffset === 0 && a.byteLength === a.buffer.byteLength)
			.map((a) => a.buffer as ArrayBuffer);
		current.worker.postMessage(request, transfer);
	});
	afterReportWritten(db, stored.urgent);
	return { id: stored.id, ref: stored.ref };
}

/** The thread's side: stores each report it is sent and answers with the outcome. */
async function serveWrites(databaseUrl: string) {
	const { openDatabase } = await import('../db/connect');
	const db = openDatabase(databaseUrl);
	const port = parentPort!;
	port.on('message', (request: WriteRequest) => {
		writeReport(db, request.payload, request.attachments, request.sealedBy).then(
			(stored) => port.postMessage({ id: request.id, stored } satisfies WriteAnswer),
			(err: unknown) =>
				port.postMessage(
					(err instanceof DomainError
						? {
								id: request.id,
								refused: {
									status: err.status,
									code: err.code,
									message: err.message,
									field: err.field
								}
							}
						: {
								id: request.id,
								failed: err instanceof Error ? err.message : 'unknown'
							}) satisfies WriteAnswer
				)
		);
	});
}

if (!isMainThread && (workerData as Partial<WriterData> | null)?.role === ROLE) {
	void serveWrites((workerData as WriterData).databaseUrl);
}
