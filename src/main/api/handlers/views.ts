// Handlers of saved views. Saving under an existing name replaces that view, as a spreadsheet's
// "save as" over a file of the same name does.

import { AppError } from '../../../shared/errors';
import { deleteView, findViewByName, getView, insertView, listViews, updateView } from '../../db/views';
import type { Backend } from '../backend';
import type { Handlers } from '../router';
import { notFound } from './shared';

export function viewsHandlers(backend: Backend): Pick<Handlers, 'views.list' | 'views.save' | 'views.delete'> {
  return {
    'views.list': () => listViews(backend.db()),
    'views.save': (input) => {
      const db = backend.db();
      const { id, ...fields } = input;
      return db.transaction(() => {
        const sameName = findViewByName(db, fields.name);
        if (id != null) {
          if (sameName && sameName.id !== id) {
            throw new AppError('view_name_taken', `A saved view named "${fields.name}" already exists`, { name: fields.name });
          }
          if (!updateView(db, id, fields)) notFound('view', id);
          return getView(db, id)!;
        }
        if (sameName) {
          updateView(db, sameName.id, fields);
          return getView(db, sameName.id)!;
        }
        return getView(db, insertView(db, fields))!;
      })();
    },
    'views.delete': (input) => ({ deleted: deleteView(backend.db(), input.id) }),
  };
}
