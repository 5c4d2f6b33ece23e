module.exports = {
	useTabs: true,
	tabWidth: 2,
	singleQuote: true,
	semi: true,
	trailingComma: 'all',
	printWidth: 110,
	arrowParens: 'always',
	endOfLine: 'lf',
};
