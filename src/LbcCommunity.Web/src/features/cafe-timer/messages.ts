import { addMessages } from "../../i18n";

/** The café timer's words (namespace "cafeTimer"): what a screen reader hears at whole minutes and at the end. */
export const cafeTimerEn = {
  label: "Time left in this round",
  minutesLeft_one: "{{count}} minute left",
  minutesLeft_other: "{{count}} minutes left",
  secondsLeft: "10 seconds left",
  timeUp: "Time is up",
  ended: "The round has ended",
};

export const cafeTimerEs: typeof cafeTimerEn = {
  label: "Tiempo que queda en esta ronda",
  minutesLeft_one: "Queda {{count}} minuto",
  minutesLeft_other: "Quedan {{count}} minutos",
  secondsLeft: "Quedan 10 segundos",
  timeUp: "Se acabó el tiempo",
  ended: "La ronda ha terminado",
};

addMessages("cafeTimer", cafeTimerEn, cafeTimerEs);
