// A scripted stand-in for OpenAI's chat completions API, on a free loopback port, for the AI
// Agent scenarios: n8n's OpenAI Chat Model node is pointed at it through its credential's Base URL
// (`http://127.0.0.1:<port>/v1`). No model runs: each conversation follows a script chosen by the
// user's message, so the test knows which tool calls the agent will make.
//
// A script is a list of turns, one per model answer, in order: the n-th answer of a conversation
// (n = the assistant messages already in the request) is turn n. A turn is either
//   { toolCalls: [{ tool: 'Bill_customer', args: { … } }, …] }  -> the model calls tools, or
//   { reply: (toolResults) => 'text' }                          -> the final answer;
// `toolCalls` may also be a function of the tool results so far (to use an ID a tool returned).
// `tool` is the tool's name as n8n offers it (the node's name, non-word characters as `_`); a
// name n8n did not offer ends the conversation with an answer saying so (and the request log
// shows it), never with a guess.
//
// Every request is logged with what the model was shown (the tools: name, description, JSON
// schema) and what it was told (the tool results): the scenarios assert on these, e.g. that a
// refused tool call reached the model as a message that says what to change.
import { createServer } from 'node:http';

import { freePort } from './lib.mjs';

/** The text of a chat message's content (a string, or OpenAI's list of content parts). */
export function messageText(content) {
	if (typeof content === 'string') return content;
	if (Array.isArray(content)) return content.map((part) => (typeof part === 'string' ? part : (part?.text ?? ''))).join('');
	return '';
}

/** What the tools answered in this conversation: [{ id, name, content }], in order. */
function toolResults(messages) {
	const names = new Map();
	for (const message of messages) {
		for (const call of message.tool_calls ?? []) names.set(call.id, call.function?.name);
	}
	return messages
		.filter((m) => m.role === 'tool')
		.map((m) => ({ id: m.tool_call_id, name: names.get(m.tool_call_id), content: messageText(m.content) }));
}

function completion(model, message, finishReason) {
	return {
		id: `chatcmpl-scripted-${Date.now().toString(36)}`,
		object: 'chat.completion',
		created: Math.floor(Date.now() / 1000),
		model,
		choices: [{ index: 0, message, logprobs: null, finish_reason: finishReason }],
		usage: { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 },
	};
}

/**
 * Starts the server. `scripts` maps a user message (exactly as the agent sends it) to its turns.
 * Returns { url (the Base URL, ending in /v1), requests, conversation(prompt), addScript(prompt,
 * turns), close() }.
 */
export async function startScriptedModel({ scripts: initial = {}, host = '127.0.0.1' }) {
	const scripts = { ...initial };
	const requests = [];
	let callCounter = 0;

	const answer = (body) => {
		const messages = Array.isArray(body.messages) ? body.messages : [];
		const user = messages.find((m) => m.role === 'user');
		const prompt = messageText(user?.content).trim();
		const offered = (body.tools ?? []).map((t) => t.function?.name);
		const script = scripts[prompt];
		const turn = messages.filter((m) => m.role === 'assistant').length;
		const record = {
			prompt,
			turn,
			tools: (body.tools ?? []).map((t) => ({
				name: t.function?.name,
				description: t.function?.description,
				parameters: t.function?.parameters,
			})),
			toolResults: toolResults(messages),
			system: messageText(messages.find((m) => m.role === 'system')?.content),
			stream: body.stream,
		};
		requests.push(record);
		const say = (text) => {
			record.answer = { text };
			return completion(body.model, { role: 'assistant', content: text }, 'stop');
		};
		if (!script) return say(`SCRIPT ERROR: no script for the message ${JSON.stringify(prompt)}`);
		const step = script[Math.min(turn, script.length - 1)];
		if (step.toolCalls) {
			const toolCalls = typeof step.toolCalls === 'function' ? step.toolCalls(record.toolResults) : step.toolCalls;
			const missing = toolCalls.map((c) => c.tool).filter((name) => !offered.includes(name));
			if (missing.length)
				return say(`SCRIPT ERROR: tools ${missing.join(', ')} not offered (offered: ${offered.join(', ')})`);
			const calls = toolCalls.map((c) => ({
				id: `call_${++callCounter}`,
				type: 'function',
				function: { name: c.tool, arguments: JSON.stringify(c.args) },
			}));
			record.answer = { toolCalls: calls.map((c) => ({ name: c.function.name, args: c.function.arguments })) };
			return completion(body.model, { role: 'assistant', content: null, tool_calls: calls }, 'tool_calls');
		}
		return say(step.reply(record.toolResults));
	};

	const server = createServer((req, res) => {
		let raw = '';
		req.setEncoding('utf8');
		req.on('data', (chunk) => (raw += chunk));
		req.on('end', () => {
			const send = (status, json) => {
				res.writeHead(status, { 'content-type': 'application/json' });
				res.end(JSON.stringify(json));
			};
			const path = (req.url ?? '').split('?')[0];
			if (req.method === 'GET' && path === '/v1/models') {
				send(200, { object: 'list', data: [{ id: 'gpt-4o-mini', object: 'model', owned_by: 'scripted' }] });
				return;
			}
			if (req.method !== 'POST' || path !== '/v1/chat/completions') {
				send(404, { error: { message: `scripted model: no route ${req.method} ${path}`, type: 'invalid_request_error' } });
				return;
			}
			let body;
			try {
				body = JSON.parse(raw);
			} catch {
				send(400, { error: { message: 'body is not JSON', type: 'invalid_request_error' } });
				return;
			}
			const result = answer(body);
			if (!body.stream) {
				send(200, result);
				return;
			}
			// n8n 2.x and 1.123 send stream: false; older agents (n8n 1.85's AI Agent 1.8) stream: the
			// same answer as server-sent events, one chunk with the whole message, then the finish.
			const [{ message, finish_reason: finishReason }] = result.choices;
			const chunk = (delta, finish) => ({
				id: result.id,
				object: 'chat.completion.chunk',
				created: result.created,
				model: result.model,
				choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
			});
			const delta = message.tool_calls
				? { role: 'assistant', content: null, tool_calls: message.tool_calls.map((c, index) => ({ index, ...c })) }
				: { role: 'assistant', content: message.content };
			res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
			for (const event of [chunk(delta, null), chunk({}, finishReason)])
				res.write(`data: ${JSON.stringify(event)}\n\n`);
			if (body.stream_options?.include_usage)
				res.write(`data: ${JSON.stringify({ ...chunk({}, null), choices: [], usage: result.usage })}\n\n`);
			res.end('data: [DONE]\n\n');
		});
	});
	const port = await freePort();
	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, host, resolve);
	});
	return {
		url: `http://${host}:${port}/v1`,
		requests,
		/** The requests of one conversation (by its user message), in order. */
		conversation: (prompt) => requests.filter((r) => r.prompt === prompt),
		addScript: (prompt, turns) => {
			scripts[prompt] = turns;
		},
		close: () => new Promise((resolve) => server.close(() => resolve())),
	};
}
