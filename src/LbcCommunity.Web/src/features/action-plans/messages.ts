import { addMessages } from "../../i18n";

// The action plan page's words ("actionPlans" namespace): members of a team or community read them, families among
// them, so English and Spanish ("usted"), words per docs/glossary.md.
export const actionPlansEn = {
  loading: "Loading…",
  title: "Action plan: {{name}}",
  notYours: "This action plan is not yours to see.",
  notFound: "There is no team or community here.",
  back: "Back to the team",
  attention: { heading: "Needs attention", overdue: "Overdue", dueThisWeek: "Due this week", none: "Nothing here." },
  goals: { heading: "Goals", none: "No goals yet.", progress: "{{percent}} % done ({{done}} of {{count}} actions done)", rows: "Rubric rows: {{rows}}", add: "Add a goal", title: "New goal", description: "Description (optional)", rowsLabel: "Rubric rows this goal works on" },
  actions: {
    heading: "Actions", table: "Every action of the plan", none: "No actions yet.", action: "Action", goal: "Goal", owner: "Owner", due: "Due", status: "Status", notes: "Notes",
    guest: "guest", noGoal: "No goal", select: "Select “{{title}}”", statusOf: "Status of “{{title}}”", fromConvening: "from a convening",
    add: "Add an action", ownerPick: "Choose an owner", save: "Save",
  },
  bulk: { label: "Set the status of the selected actions", apply: "Apply to selected", selected_one: "{{count}} selected", selected_other: "{{count}} selected" },
  csv: { heading: "Export and import", download: "Download CSV", file: "Import a CSV file (the download's format)", imported: "Imported: {{added}} added, {{updated}} changed.", refused: "Nothing was imported. Fix these and try again:" },
  statuses: { NotStarted: "Not started", Started: "Started", HalfDone: "Half done", Done: "Done", Dropped: "Dropped" },
};

export const actionPlansEs: typeof actionPlansEn = {
  loading: "Cargando…",
  title: "Plan de acción: {{name}}",
  notYours: "Este plan de acción no es suyo para verlo.",
  notFound: "Aquí no hay ningún equipo ni comunidad.",
  back: "Volver al equipo",
  attention: { heading: "Necesita atención", overdue: "Atrasadas", dueThisWeek: "Vencen esta semana", none: "Nada aquí." },
  goals: { heading: "Metas", none: "Todavía no hay metas.", progress: "{{percent}} % hecho ({{done}} de {{count}} acciones hechas)", rows: "Filas de la rúbrica: {{rows}}", add: "Agregar una meta", title: "Nueva meta", description: "Descripción (opcional)", rowsLabel: "Filas de la rúbrica en las que trabaja esta meta" },
  actions: {
    heading: "Acciones", table: "Todas las acciones del plan", none: "Todavía no hay acciones.", action: "Acción", goal: "Meta", owner: "Responsable", due: "Fecha", status: "Estado", notes: "Notas",
    guest: "invitado", noGoal: "Sin meta", select: "Seleccionar «{{title}}»", statusOf: "Estado de «{{title}}»", fromConvening: "de una reunión",
    add: "Agregar una acción", ownerPick: "Elija a la persona responsable", save: "Guardar",
  },
  bulk: { label: "Cambiar el estado de las acciones seleccionadas", apply: "Aplicar a las seleccionadas", selected_one: "{{count}} seleccionada", selected_other: "{{count}} seleccionadas" },
  csv: { heading: "Exportar e importar", download: "Descargar CSV", file: "Importar un archivo CSV (el formato de la descarga)", imported: "Importado: {{added}} agregadas, {{updated}} cambiadas.", refused: "No se importó nada. Corrija esto e intente de nuevo:" },
  statuses: { NotStarted: "Sin empezar", Started: "Empezada", HalfDone: "A medias", Done: "Hecha", Dropped: "Descartada" },
};

addMessages("actionPlans", actionPlansEn, actionPlansEs);
