import * as v from 'valibot';
import { AreaCodeSchema, AreaLabelSchema } from '../../report/areas';
import { SupportContactSchema } from '../../report/contacts';
import { PortalNamesSchema } from '../../settings/portal';

/** The settings pages' forms, checked on the server with the shared rules. */

export const PortalNamesForm = PortalNamesSchema;

export const NewAreaForm = v.object({ label: AreaLabelSchema });
export const RenameAreaForm = v.object({ code: AreaCodeSchema, label: AreaLabelSchema });
export const AreaCodeForm = v.object({ code: AreaCodeSchema });

const index = v.pipe(
	v.string('Reload the page and try again.'),
	v.regex(/^\d{1,2}$/, 'Reload the page and try again.'),
	v.transform(Number)
);
export const ContactForm = SupportContactSchema;
export const ContactEditForm = v.object({ ...SupportContactSchema.entries, index });
export const ContactIndexForm = v.object({ index });
