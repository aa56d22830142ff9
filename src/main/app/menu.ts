// The application menu in the user's language (pt-BR unless the language setting is English). The
// template is built by a plain function so its labels can be tested without Electron.

import type { MenuItemConstructorOptions } from 'electron';

import type { Translate } from '../../shared/i18n';

export interface MenuActions {
  openDatabase(): void;
  newDatabase(): void;
  openLogs(): void;
  about(): void;
}

export function menuTemplate(t: Translate, actions: MenuActions, options: { isMac: boolean; isDev: boolean }): MenuItemConstructorOptions[] {
  const file: MenuItemConstructorOptions = {
    label: t('menu.file'),
    submenu: [
      { label: t('menu.file.openDatabase'), accelerator: 'CmdOrCtrl+O', click: () => actions.openDatabase() },
      { label: t('menu.file.newDatabase'), accelerator: 'CmdOrCtrl+Shift+N', click: () => actions.newDatabase() },
      { type: 'separator' },
      { label: t('menu.file.quit'), role: 'quit' },
    ],
  };
  const edit: MenuItemConstructorOptions = {
    label: t('menu.edit'),
    submenu: [
      // Undo and redo are the text fields' own; Ctrl+Z on the Review screen is handled by the page.
      { label: t('menu.edit.undo'), role: 'undo' },
      { label: t('menu.edit.redo'), role: 'redo' },
      { type: 'separator' },
      { label: t('menu.edit.cut'), role: 'cut' },
      { label: t('menu.edit.copy'), role: 'copy' },
      { label: t('menu.edit.paste'), role: 'paste' },
      { label: t('menu.edit.selectAll'), role: 'selectAll' },
    ],
  };
  const viewItems: MenuItemConstructorOptions[] = [
    { label: t('menu.view.reload'), role: 'reload' },
    { type: 'separator' },
    { label: t('menu.view.resetZoom'), role: 'resetZoom' },
    { label: t('menu.view.zoomIn'), role: 'zoomIn' },
    { label: t('menu.view.zoomOut'), role: 'zoomOut' },
    { type: 'separator' },
    { label: t('menu.view.fullScreen'), role: 'togglefullscreen' },
  ];
  if (options.isDev) viewItems.push({ label: t('menu.view.devTools'), role: 'toggleDevTools' });
  const help: MenuItemConstructorOptions = {
    label: t('menu.help'),
    submenu: [
      { label: t('menu.help.logs'), click: () => actions.openLogs() },
      { label: t('menu.help.about'), click: () => actions.about() },
    ],
  };
  const template: MenuItemConstructorOptions[] = [file, edit, { label: t('menu.view'), submenu: viewItems }, help];
  if (options.isMac) template.unshift({ role: 'appMenu' });
  return template;
}
