import { el } from '../common/dom.js';

const KEY = 'kubelab.split';
const MIN = 25;
const MAX = 75;
const STEP = 5;

/**
 * A draggable divider between the step text and the terminal; with the keyboard, arrow keys
 * move it. The share of the left side is remembered in localStorage.
 */
export function splitter(container: HTMLElement, onResize: () => void): HTMLElement {
  const handle = el('div', {
    class: 'splitter',
    attrs: {
      role: 'separator',
      tabindex: '0',
      'aria-orientation': 'vertical',
      'aria-label': 'Breite von Anleitung und Terminal ändern',
      'aria-valuemin': String(MIN),
      'aria-valuemax': String(MAX),
    },
  });
  const apply = (percent: number) => {
    const value = Math.min(MAX, Math.max(MIN, Math.round(percent)));
    container.style.setProperty('--left', `${value}%`);
    handle.setAttribute('aria-valuenow', String(value));
    localStorage.setItem(KEY, String(value));
    onResize();
  };
  apply(Number(localStorage.getItem(KEY)) || 45);

  handle.addEventListener('pointerdown', (down) => {
    handle.setPointerCapture(down.pointerId);
    const move = (event: PointerEvent) => {
      const box = container.getBoundingClientRect();
      apply(((event.clientX - box.left) / box.width) * 100);
    };
    const up = () => {
      handle.removeEventListener('pointermove', move);
      handle.removeEventListener('pointerup', up);
    };
    handle.addEventListener('pointermove', move);
    handle.addEventListener('pointerup', up);
  });
  handle.addEventListener('keydown', (event) => {
    const now = Number(handle.getAttribute('aria-valuenow'));
    if (event.key === 'ArrowLeft') apply(now - STEP);
    else if (event.key === 'ArrowRight') apply(now + STEP);
    else if (event.key === 'Home') apply(MIN);
    else if (event.key === 'End') apply(MAX);
    else return;
    event.preventDefault();
  });
  return handle;
}
