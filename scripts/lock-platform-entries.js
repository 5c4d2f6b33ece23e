#!/usr/bin/env node
// The npm registry mirror these machines use lacks the non-linux builds of unrs-resolver (pulled
// in by @n8n/node-cli's eslint setup), so `npm install` writes a lock without them and `npm ci`
// then rejects the lock as out of sync. This re-adds their lock entries with os/cpu fields only:
// npm skips them on linux and never fetches them. Run it after any `npm install` that rewrites
// package-lock.json, then check with `npm ci`.
const fs = require('fs');
const path = require('path');

const lockPath = path.join(__dirname, '..', 'package-lock.json');
const lock = JSON.parse(fs.readFileSync(lockPath, 'utf8'));
const PREFIX = '@unrs/resolver-binding-';
const PLATFORMS = {
	'android-arm-eabi': ['android', 'arm'],
	'android-arm64': ['android', 'arm64'],
	'darwin-arm64': ['darwin', 'arm64'],
	'darwin-x64': ['darwin', 'x64'],
	'freebsd-x64': ['freebsd', 'x64'],
	'linux-arm-gnueabihf': ['linux', 'arm', 'glibc'],
	'linux-arm-musleabihf': ['linux', 'arm', 'musl'],
	'linux-arm64-gnu': ['linux', 'arm64', 'glibc'],
	'linux-arm64-musl': ['linux', 'arm64', 'musl'],
	'linux-loong64-gnu': ['linux', 'loong64', 'glibc'],
	'linux-loong64-musl': ['linux', 'loong64', 'musl'],
	'linux-ppc64-gnu': ['linux', 'ppc64', 'glibc'],
	'linux-riscv64-gnu': ['linux', 'riscv64', 'glibc'],
	'linux-riscv64-musl': ['linux', 'riscv64', 'musl'],
	'linux-s390x-gnu': ['linux', 's390x', 'glibc'],
	'linux-x64-gnu': ['linux', 'x64', 'glibc'],
	'linux-x64-musl': ['linux', 'x64', 'musl'],
	'openharmony-arm64': ['openharmony', 'arm64'],
	'win32-arm64-msvc': ['win32', 'arm64'],
	'win32-ia32-msvc': ['win32', 'ia32'],
	'win32-x64-msvc': ['win32', 'x64'],
};

const added = [];
for (const [key, entry] of Object.entries(lock.packages)) {
	if (!key.endsWith('node_modules/unrs-resolver')) continue;
	const base = key.slice(0, -'unrs-resolver'.length);
	for (const [name, range] of Object.entries(entry.optionalDependencies ?? {})) {
		const platform = PLATFORMS[name.slice(PREFIX.length)];
		if (!name.startsWith(PREFIX) || !platform || lock.packages[base + name]) continue;
		const [os, cpu, libc] = platform;
		lock.packages[base + name] = {
			version: range.replace(/^[\^~]/, ''),
			cpu: [cpu],
			dev: true,
			license: 'MIT',
			optional: true,
			os: [os],
			...(libc ? { libc: [libc] } : {}),
		};
		added.push(name);
	}
}
const sorted = Object.fromEntries(Object.entries(lock.packages).sort(([a], [b]) => a.localeCompare(b, 'en')));
lock.packages = sorted;
fs.writeFileSync(lockPath, `${JSON.stringify(lock, null, 2)}\n`);
process.stdout.write(`lock-platform-entries: added ${added.length} entr${added.length === 1 ? 'y' : 'ies'}\n`);
