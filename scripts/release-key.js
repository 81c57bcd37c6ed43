import { existsSync, writeFileSync } from 'node:fs';
import { releasePublicKey, releaseSodium } from '../src/lib/server/integrity/site-manifest.js';

/**
 * `npm run release-key -- <file>`: makes an Ed25519 release signing key, writes its secret half to
 * <file> (owner-only, never overwritten) and prints the public half to publish. Keep the file
 * off the server (docs/deploy.md, "Release signing key").
 */
const file = process.argv[2];
if (!file) {
	console.error('usage: npm run release-key -- <file for the secret key>');
	process.exit(2);
}
if (existsSync(file)) {
	console.error(`${file} exists: a release key is never overwritten.`);
	process.exit(1);
}
const sodium = await releaseSodium();
const { privateKey } = sodium.crypto_sign_keypair();
const secret = sodium.to_base64(privateKey);
writeFileSync(file, secret + '\n', { mode: 0o600, flag: 'wx' });
console.log(`secret key written to ${file} (keep it offline)`);
console.log(`public key: ${await releasePublicKey(secret)}`);
