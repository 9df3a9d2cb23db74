// Function words dropped by the tokenizer, as Postgres' `russian` configuration drops its stop words
// (Russian ones in Cyrillic words, English ones in Latin words). The lists are ours and kept short:
// dropping too little is harmless for tagging, dropping a content word would lose evidence.
// Deliberately absent: "us" (Postgres keeps it, and it is how English headlines write the USA).

const RUSSIAN = `
а без более бы был была были было быть в вам вас весь во вот все всего всех вы где да даже для до
его ее ей ему если есть еще же за здесь и из или им их к как какая какой когда кто ли либо между
меня мне мы на над нас не него нее нет ни них но ну о об однако он она они оно от по под при про
с со так также там те тем то того тоже той только том тот ту у уже чем что чтобы эта эти это этого
этой этом этот эту я ж ведь вдруг разве чтоб будто себе себя сам сама само сами свой своя свое свои
свою своего своей своих
`;

const ENGLISH = `
a about above after again against all am an and any are as at be because been before being below
between both but by can could did do does doing down during each few for from further had has have
having he her here hers herself him himself his how i if in into is it its itself just me more most
my myself no nor not now of off on once only or other our ours out over own same she should so some
such than that the their theirs them then there these they this those through to too under until up
very was we were what when where which while who whom why will with would you your yours s t d ll m
re ve
`;

function toSet(list: string): ReadonlySet<string> {
  return new Set(list.split(/\s+/).filter((word) => word.length > 0));
}

export const RUSSIAN_STOP_WORDS = toSet(RUSSIAN);
export const ENGLISH_STOP_WORDS = toSet(ENGLISH);
