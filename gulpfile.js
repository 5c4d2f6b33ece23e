// Copies the static files tsc does not emit (icons, codex JSON) into dist/, beside the compiled
// code that references them. `n8n-node build` already copies SVG/PNG; this keeps a plain
// `tsc && gulp build:icons` build complete too.
const { src, dest, parallel } = require('gulp');

function copyIcons() {
	return src(['icons/**/*.{png,svg}', 'nodes/**/*.{png,svg}', 'credentials/**/*.{png,svg}'], {
		base: '.',
		encoding: false,
	}).pipe(dest('dist'));
}

function copyCodex() {
	return src('nodes/**/*.node.json', { base: '.' }).pipe(dest('dist'));
}

exports['build:icons'] = parallel(copyIcons, copyCodex);
