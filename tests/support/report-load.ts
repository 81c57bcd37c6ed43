// A reporter load: submits sealed reports through the real JSON API, one after another, as
// reporters' browsers would, until stopped. Prints `ACK <ref>` once each 201 has arrived.
//   tsx tests/support/report-load.ts <portal url>
import { fromBase64url } from '../../src/lib/crypto/encoding';
import { sampleBody, submitReport } from './api-client';

const portalUrl = process.argv[2];
const unitKey = (await (await fetch(portalUrl + '/api/v1/unit-key')).json()) as {
	id: string;
	public_key: string;
};
const unit = { id: unitKey.id, publicKey: fromBase64url(unitKey.public_key) };

let stopping = false;
process.on('SIGTERM', () => (stopping = true));
for (let n = 1; !stopping; n++) {
	const { res } = await submitReport(portalUrl, unit, { body: sampleBody(`Load report ${n}.`) });
	if (res.status === 201) {
		const { ref } = (await res.json()) as { ref: string };
		console.log(`ACK ${ref}`);
	} else {
		console.log(`REFUSED ${res.status}`);
	}
}
