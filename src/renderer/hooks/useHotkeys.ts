// Window-level keyboard shortcuts that keep working wherever focus is, except while the person types
// in a text field or works inside a menu or dialog. The listener sits on `window` rather than on a
// focused element so that no focus trap is needed.

import { useEffect, useRef } from 'react';

export type HotkeyHandler = (event: KeyboardEvent) => boolean | void;

const TEXT_INPUT_TYPES = new Set(['text', 'search', 'email', 'number', 'password', 'tel', 'url', 'date']);

/** True when the key press belongs to a text field (typing "b" must not set BAIXA). */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) return TEXT_INPUT_TYPES.has(target.type);
  return target.getAttribute('role') === 'textbox' || target.getAttribute('role') === 'combobox';
}

/** True when a menu, list box or dialog owns the keyboard (arrow keys move inside it). */
export function isInsideOverlay(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.closest('[role="menu"], [role="listbox"], [role="dialog"], [role="presentation"]') != null;
}

/** True for elements whose own Enter or Space action must win over a global shortcut. */
export function isActivatable(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.closest('button, a[href], [role="button"], [role="tab"], [role="option"], [role="menuitem"], [role="checkbox"], [role="switch"]') != null;
}

/**
 * Calls `handler` for every key press outside text fields and overlays. The handler returns true
 * when it used the key, and the default action (scrolling, a button click) is then prevented.
 */
export function useHotkeys(handler: HotkeyHandler, enabled = true): void {
  const handlerRef = useRef(handler);
  handlerRef.current = handler;

  useEffect(() => {
    if (!enabled) return undefined;
    const listener = (event: KeyboardEvent): void => {
      if (event.defaultPrevented || event.isComposing) return;
      if (isTypingTarget(event.target) || isInsideOverlay(event.target)) return;
      if (handlerRef.current(event) === true) event.preventDefault();
    };
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, [enabled]);
}
