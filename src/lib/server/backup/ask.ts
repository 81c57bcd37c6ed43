import { BackupError } from './container';

/** The backup passphrase: BACKUP_PASSPHRASE, or typed at the terminal without being shown. */
export async function backupPassphrase(confirm: boolean): Promise<string> {
	const fromEnv = process.env.BACKUP_PASSPHRASE;
	if (fromEnv) {
		return fromEnv;
	}
	const first = await askHidden('Backup passphrase: ');
	if (confirm && first !== (await askHidden('Type it again: '))) {
		throw new BackupError('The two passphrases do not match.');
	}
	return first;
}

/** Reads one line from the terminal in raw mode, echoing nothing. */
function askHidden(question: string): Promise<string> {
	const stdin = process.stdin;
	if (!stdin.isTTY) {
		return Promise.reject(
			new BackupError('Set BACKUP_PASSPHRASE, or run this in a terminal to type the passphrase.')
		);
	}
	process.stderr.write(question);
	return new Promise((resolve, reject) => {
		let value = '';
		const finish = (error?: Error) => {
			stdin.off('data', onData);
			stdin.setRawMode(false);
			stdin.pause();
			process.stderr.write('\n');
			if (error) {
				reject(error);
			} else {
				resolve(value);
			}
		};
		const onData = (chunk: string) => {
			for (const ch of chunk) {
				if (ch === '\r' || ch === '\n' || ch === '\u0004') {
					return finish();
				}
				if (ch === '\u0003') {
					return finish(new BackupError('Stopped.'));
				}
				value = ch === '\u007f' || ch === '\b' ? [...value].slice(0, -1).join('') : value + ch;
			}
		};
		stdin.setRawMode(true);
		stdin.setEncoding('utf8');
		stdin.resume();
		stdin.on('data', onData);
	});
}
