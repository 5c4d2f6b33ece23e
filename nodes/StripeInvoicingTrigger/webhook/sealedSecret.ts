import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'crypto';

/**
 * An endpoint's signing secret as kept in the workflow's static data, which anyone who can read the
 * workflow can read and anyone who can edit it can write (README "Who can read what"). Sealed with
 * AES-256-GCM under a key derived (HKDF-SHA256) from the credential's Stripe API key and bound to
 * the workflow, the node and the endpoint: a reader sees ciphertext, and an entry written by anyone
 * without the API key, or copied from another workflow, node or endpoint, fails authentication.
 */

/** Which endpoint of which node a sealed secret belongs to. */
export interface SecretBinding {
	workflowId: string;
	nodeId: string;
	endpointId: string;
}

const FORMAT = 'v1';
const SALT = 'n8n-nodes-stripe-invoicing/webhook-signing-secret/v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

function context(binding: SecretBinding): string {
	return JSON.stringify([FORMAT, binding.workflowId, binding.nodeId, binding.endpointId]);
}

function keyFor(apiKey: string, binding: SecretBinding): Buffer {
	return Buffer.from(hkdfSync('sha256', apiKey, SALT, context(binding), 32));
}

/** `v1.<iv>.<ciphertext>.<tag>`, base64url. */
export function sealSecret(secret: string, apiKey: string, binding: SecretBinding): string {
	if (!apiKey) throw new Error('No API key to seal the signing secret with');
	const iv = randomBytes(IV_BYTES);
	const cipher = createCipheriv('aes-256-gcm', keyFor(apiKey, binding), iv);
	cipher.setAAD(Buffer.from(context(binding), 'utf8'));
	const ciphertext = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
	const parts = [iv, ciphertext, cipher.getAuthTag()].map((part) => part.toString('base64url'));
	return [FORMAT, ...parts].join('.');
}

/**
 * The secret, or undefined when the entry is not one this API key sealed for this binding (another
 * key, workflow, node or endpoint; altered, truncated or planted).
 */
export function openSecret(sealed: unknown, apiKey: string, binding: SecretBinding): string | undefined {
	if (typeof sealed !== 'string' || !apiKey) return undefined;
	const [format, iv, ciphertext, tag, ...rest] = sealed.split('.');
	if (format !== FORMAT || rest.length > 0 || !iv || !ciphertext || !tag) return undefined;
	const [ivBytes, data, tagBytes] = [iv, ciphertext, tag].map((part) => Buffer.from(part, 'base64url'));
	if (ivBytes.length !== IV_BYTES || tagBytes.length !== TAG_BYTES) return undefined;
	try {
		const decipher = createDecipheriv('aes-256-gcm', keyFor(apiKey, binding), ivBytes);
		decipher.setAAD(Buffer.from(context(binding), 'utf8'));
		decipher.setAuthTag(tagBytes);
		const secret = Buffer.concat([decipher.update(data), decipher.final()]).toString('utf8');
		return secret.startsWith('whsec_') ? secret : undefined;
	} catch {
		// Authentication failed: not sealed by this key for this endpoint.
		return undefined;
	}
}
