/*
 * Octavia console behaviour. The only script besides htmx: templates carry no inline
 * scripts, so a strict Content-Security-Policy can forbid them. Localized texts come from
 * data-msg-* attributes on <body>, rendered from the message bundles.
 */
(function () {
	'use strict';

	const TOAST_MILLIS = { error: 8000, warning: 6000, success: 4000, info: 4000 };

	function meta(name) {
		const element = document.querySelector('meta[name="' + name + '"]');
		return element ? element.content : null;
	}

	function message(name) {
		return document.body.dataset[name] || '';
	}

	function showToast(text, kind) {
		const container = document.getElementById('toasts');
		if (!container || !text) {
			return;
		}
		const level = TOAST_MILLIS[kind] ? kind : 'info';
		const toast = document.createElement('div');
		toast.className = 'toast toast-' + level;
		// errors interrupt (alert); everything else waits for the reader (status)
		toast.setAttribute('role', level === 'error' ? 'alert' : 'status');
		const body = document.createElement('p');
		body.className = 'toast-message';
		body.textContent = text;
		const close = document.createElement('button');
		close.type = 'button';
		close.className = 'toast-close';
		close.setAttribute('aria-label', message('msgDismiss'));
		close.textContent = '\u00d7';
		close.addEventListener('click', () => dismiss(toast));
		toast.append(body, close);
		container.append(toast);
		setTimeout(() => dismiss(toast), TOAST_MILLIS[level]);
	}

	function dismiss(toast) {
		if (!toast.isConnected || toast.classList.contains('is-leaving')) {
			return;
		}
		toast.classList.add('is-leaving');
		setTimeout(() => toast.remove(), 200);
	}

	function contentType(xhr) {
		return (xhr.getResponseHeader('Content-Type') || '').toLowerCase();
	}

	// RFC 9457 problems from the API error handler are localized already: show detail, else title
	function problemText(xhr) {
		try {
			const problem = JSON.parse(xhr.responseText);
			return problem.detail || problem.title || message('msgRequestFailed');
		}
		catch (ignored) {
			return message('msgRequestFailed');
		}
	}

	// a dashboard panel that failed says so in place, instead of a skeleton that never ends
	function showPanelError(target, text) {
		const panel = target && target.closest('[data-panel]');
		if (!panel) {
			return;
		}
		const alert = document.createElement('p');
		alert.className = 'panel-error alert alert-error';
		alert.textContent = text;
		panel.replaceChildren(alert);
	}

	document.addEventListener('htmx:configRequest', (event) => {
		if (event.detail.verb === 'get') {
			return;
		}
		const token = meta('_csrf');
		const header = meta('_csrf_header');
		if (token && header) {
			event.detail.headers[header] = token;
		}
	});

	document.addEventListener('htmx:beforeSwap', (event) => {
		const detail = event.detail;
		const xhr = detail.xhr;
		if (contentType(xhr).startsWith('application/problem+json')) {
			detail.shouldSwap = false;
			detail.isError = true;
			const text = problemText(xhr);
			showToast(text, 'error');
			showPanelError(detail.target, text);
			return;
		}
		// a form re-rendered with its inline field errors is the answer to show, not a failure
		if (xhr.status === 422 && contentType(xhr).startsWith('text/html')) {
			detail.shouldSwap = true;
			detail.isError = false;
			return;
		}
		if (detail.isError) {
			detail.shouldSwap = false;
			showToast(message('msgRequestFailed'), 'error');
			showPanelError(detail.target, message('msgRequestFailed'));
		}
	});

	document.addEventListener('htmx:sendError', (event) => {
		showToast(message('msgNetworkError'), 'error');
		showPanelError(event.detail.target, message('msgNetworkError'));
	});

	// servers raise toasts with the header HX-Trigger: {"octavia:toast": {"message": "…", "kind": "success"}}
	document.addEventListener('octavia:toast', (event) => {
		const detail = event.detail || {};
		showToast(detail.message || detail.value, detail.kind);
	});

	// copy buttons: <button data-copy="id" data-copied="…"> puts the element's text on the clipboard
	document.addEventListener('click', (event) => {
		const button = event.target.closest('[data-copy]');
		const source = button && document.getElementById(button.dataset.copy);
		if (source && navigator.clipboard) {
			navigator.clipboard.writeText(source.textContent.trim())
				.then(() => showToast(button.dataset.copied, 'success'));
		}
	});

	// dialogs: <button data-dialog-open="id">, and inside the dialog <button data-dialog-close>
	document.addEventListener('click', (event) => {
		const opener = event.target.closest('[data-dialog-open]');
		if (opener) {
			const dialog = document.getElementById(opener.dataset.dialogOpen);
			if (dialog && typeof dialog.showModal === 'function') {
				dialog.showModal();
			}
			return;
		}
		const closer = event.target.closest('[data-dialog-close]');
		if (closer) {
			closer.closest('dialog').close();
			return;
		}
		// a click on the backdrop lands on the dialog element itself
		if (event.target instanceof HTMLDialogElement && event.target.open) {
			event.target.close();
		}
		document.querySelectorAll('details.menu[open]').forEach((menu) => {
			if (!menu.contains(event.target)) {
				menu.open = false;
			}
		});
	});

	document.addEventListener('keydown', (event) => {
		if (event.key !== 'Escape') {
			return;
		}
		document.querySelectorAll('details.menu[open]').forEach((menu) => {
			menu.open = false;
			menu.querySelector('summary').focus();
		});
	});

	// brand editor: a colour picker and its text field mirror each other, and both repaint
	// the live preview of the header through a CSS variable; an invalid text shows the fallback
	const COLOR = /^#[0-9a-f]{6}$/i;

	function paintPreview(field) {
		const preview = document.getElementById('brand-preview');
		if (!preview || !field.dataset.previewVar) {
			return;
		}
		const value = field.value.trim();
		preview.style.setProperty(field.dataset.previewVar, COLOR.test(value) ? value : field.dataset.previewFallback);
	}

	document.addEventListener('input', (event) => {
		const target = event.target;
		if (!(target instanceof HTMLInputElement)) {
			return;
		}
		if (target.dataset.colorFor) {
			const text = document.getElementById(target.dataset.colorFor);
			if (text) {
				text.value = target.value;
				paintPreview(text);
			}
			return;
		}
		if (target.dataset.previewVar) {
			const picker = document.querySelector('[data-color-for="' + target.id + '"]');
			if (picker && COLOR.test(target.value.trim())) {
				picker.value = target.value.trim().toLowerCase();
			}
			paintPreview(target);
			return;
		}
		if (target.id === 'brand-name') {
			const name = document.getElementById('brand-preview-name');
			if (name) {
				name.textContent = target.value;
			}
		}
	});

	// brand editor: the chosen logo shows before it is uploaded
	document.addEventListener('change', (event) => {
		const input = event.target;
		if (!(input instanceof HTMLInputElement) || !input.dataset.previewImage) {
			return;
		}
		const image = document.getElementById(input.dataset.previewImage);
		const file = input.files && input.files[0];
		if (!image) {
			return;
		}
		if (image.src.startsWith('blob:')) {
			URL.revokeObjectURL(image.src);
		}
		if (file && file.type.startsWith('image/')) {
			image.src = URL.createObjectURL(file);
			image.hidden = false;
		}
		else {
			image.removeAttribute('src');
			image.hidden = true;
		}
	});
})();
