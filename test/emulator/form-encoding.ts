// Parses Stripe's bracket form encoding (`a[b][0]=c`) into nested objects and arrays.

type Tree = { [key: string]: Tree | string };

function decode(part: string): string {
	try {
		return decodeURIComponent(part.replace(/\+/g, ' '));
	} catch {
		return part;
	}
}

/** `lines[0][pricing][price]` -> ['lines', '0', 'pricing', 'price']; malformed keys stay literal. */
function splitKey(key: string): string[] {
	const open = key.indexOf('[');
	if (open <= 0) return [key];
	const segments = [key.slice(0, open)];
	const re = /\[([^[\]]*)\]/g;
	let consumed = open;
	let match: RegExpExecArray | null;
	while ((match = re.exec(key)) !== null) {
		if (match.index !== consumed) return [key];
		segments.push(match[1]);
		consumed = re.lastIndex;
	}
	return consumed === key.length ? segments : [key];
}

function emptyNode(): Tree {
	// Null prototype while building so keys such as __proto__ cannot pollute anything.
	return Object.create(null) as Tree;
}

function nextIndex(node: Tree): string {
	return String(Object.keys(node).filter((k) => /^\d+$/.test(k)).length);
}

function insert(root: Tree, segments: string[], value: string): void {
	let node = root;
	for (let i = 0; i < segments.length; i++) {
		const seg = segments[i] === '' ? nextIndex(node) : segments[i];
		if (i === segments.length - 1) {
			node[seg] = value;
			return;
		}
		const child = node[seg];
		if (typeof child === 'object') {
			node = child;
		} else {
			const created = emptyNode();
			node[seg] = created;
			node = created;
		}
	}
}

/** Objects whose keys are all indexes become arrays (ordered by index), like Stripe's decoder. */
function finish(node: Tree | string): unknown {
	if (typeof node === 'string') return node;
	const keys = Object.keys(node);
	if (keys.length > 0 && keys.every((k) => /^\d+$/.test(k))) {
		return keys.sort((a, b) => Number(a) - Number(b)).map((k) => finish(node[k]));
	}
	return Object.fromEntries(keys.map((k) => [k, finish(node[k])]));
}

export function parseForm(body: string): Record<string, unknown> {
	const root = emptyNode();
	for (const pair of body.split('&')) {
		if (pair === '') continue;
		const eq = pair.indexOf('=');
		const key = decode(eq === -1 ? pair : pair.slice(0, eq));
		const value = eq === -1 ? '' : decode(pair.slice(eq + 1));
		if (key === '') continue;
		insert(root, splitKey(key), value);
	}
	const result = finish(root);
	return Array.isArray(result) ? { ...result } : (result as Record<string, unknown>);
}
