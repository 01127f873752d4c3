"""Each language's word lists: speech verbs, honorifics, modality, quote marks, the first
person, stop words.

The languages storyline reads (``READ``) have every list; those it only dates
(``DATED``: Chinese, Arabic) have sentence ends and dates. Verb forms are listed as
written (news writes the third person; a compound tense lists its participle and the
reader looks for the auxiliary before it), lower-case. Stop words come from spaCy's
language data, so that they are the lists the rest of the spaCy world uses.
"""

from __future__ import annotations

import functools
import importlib
from dataclasses import dataclass, field

READ = frozenset({"en", "es", "fr", "it", "de", "nl", "pt"})  # sentences, names, dates, quotes
DATED = frozenset({"zh", "ar"})  # sentences and dates only
NAMES = {
    "en": "English", "es": "Spanish", "fr": "French", "it": "Italian", "de": "German",
    "nl": "Dutch", "pt": "Portuguese", "zh": "Chinese", "ar": "Arabic", "ru": "Russian",
    "ja": "Japanese", "ko": "Korean", "tr": "Turkish", "pl": "Polish", "uk": "Ukrainian",
    "fa": "Persian", "hi": "Hindi", "el": "Greek", "sv": "Swedish", "ca": "Catalan",
}  # fmt: skip


def name_of(code: str) -> str:
    """ "es" -> "Spanish"; a code with no name here is given as itself."""
    return NAMES.get(code, repr(code))


@dataclass(frozen=True)
class Words:
    """One language's word lists, lower-case."""

    language: str
    speech_verbs: frozenset[str] = frozenset()  # "dijo", "a déclaré" (as its participle)
    according_to: frozenset[str] = frozenset()  # "según", "selon", "laut"
    auxiliaries: frozenset[str] = frozenset()  # before a participle: "ha", "a", "hat"
    honorifics: frozenset[str] = frozenset()  # "sr.", "m.", "herr": a person's name follows
    roles: frozenset[str] = frozenset()  # "ministro", "porte-parole": one person's office
    org_heads: frozenset[str] = frozenset()  # "ministerio", "université": an organisation
    particles: frozenset[str] = frozenset()  # inside names: "de", "van", "von", "da"
    planned: frozenset[str] = frozenset()  # a plan: "prevé", "prévu", "geplant"
    expected: frozenset[str] = frozenset()  # an expectation: "se espera", "devrait"
    cancelled: frozenset[str] = frozenset()  # called off: "suspendida", "annulé", "abgesagt"
    negation: frozenset[str] = frozenset()  # "no", "ne", "nicht"
    future: frozenset[str] = frozenset()  # future auxiliaries: "va", "wird", "zal"
    # Words that name a day relative to the report's: "hoy" 0, "ayer" -1, "mañana" 1.
    deictic: dict[str, int] = field(default_factory=dict)
    # After a weekday, the word that makes it the last one before the report's day
    # ("mardi dernier", "el martes pasado"), not the one of the week before.
    last: frozenset[str] = frozenset()
    # Before a count of days, the words that count them back from the report's day
    # ("il y a deux jours", "hace dos días").
    ago: tuple[str, ...] = ()
    # Pairs of quote marks (open, close) beside the straight and curly English ones.
    quote_marks: tuple[tuple[str, str], ...] = ()


def _w(text: str) -> frozenset[str]:
    return frozenset(text.split())


_LATIN_QUOTES = (("«", "»"), ("“", "”"), ('"', '"'))

WORDS: dict[str, Words] = {
    "es": Words(
        language="es",
        speech_verbs=_w(
            """dijo dijeron dice dicen afirmó afirmaron afirma declaró declararon declara
            señaló señalaron señala añadió añadieron añade aseguró aseguraron asegura explicó
            explicaron explica indicó indicaron indica subrayó destacó advirtió advierte
            precisó manifestó sostuvo insistió reconoció anunció anunciaron anuncia comentó
            agregó agrega respondió concluyó apuntó expresó recalcó admitió negó confirmó
            confirma dicho afirmado declarado señalado asegurado explicado indicado añadido
            anunciado informó informaron informa"""
        ),
        according_to=frozenset({"según"}),
        auxiliaries=frozenset({"ha", "han", "había", "habían"}),
        honorifics=frozenset({"sr.", "sra.", "srta.", "dr.", "dra.", "don", "doña", "d.", "dña."}),
        roles=_w(
            """presidente presidenta ministro ministra portavoz alcalde alcaldesa director
            directora secretario secretaria embajador embajadora canciller jefe jefa
            gobernador gobernadora fiscal juez jueza ingeniero ingeniera capitán comandante"""
        ),
        org_heads=_w(
            """ministerio universidad ayuntamiento gobierno partido banco consejo comisión
            tribunal agencia empresa asociación sindicato instituto fundación hospital"""
        ),
        particles=frozenset({"de", "del", "la", "las", "los", "y"}),
        planned=_w(
            """prevé prevén previsto prevista previstos previstas planea planean programado
            programada programados convocado convocada"""
        ),
        expected=_w("espera esperan esperado esperada debería deberían debe deben"),
        cancelled=_w(
            """canceló cancelaron cancelado cancelada suspendió suspendieron suspendido
            suspendida anuló anulado anulada aplazó aplazaron aplazado aplazada pospuso
            pospuesto pospuesta"""
        ),
        negation=frozenset({"no", "nunca"}),
        future=frozenset({"va", "van", "irá", "irán"}),
        deictic={"hoy": 0, "ayer": -1, "mañana": 1, "anteayer": -2},
        last=frozenset({"pasado", "pasada"}),
        ago=("hace",),
        quote_marks=_LATIN_QUOTES,
    ),
    "fr": Words(
        language="fr",
        speech_verbs=_w(
            """dit déclaré affirmé ajouté expliqué indiqué souligné précisé assuré estimé
            annoncé confirmé reconnu admis insisté averti rappelé répondu martelé jugé
            déclare affirme ajoute explique indique souligne précise assure estime annonce
            confirme reconnaît insiste avertit rappelle répond martèle juge déclarait
            affirmait expliquait"""
        ),
        according_to=frozenset({"selon", "d'après"}),
        auxiliaries=frozenset({"a", "ont", "avait", "avaient"}),
        honorifics=frozenset({"m.", "mme", "mme.", "mlle", "dr", "dr.", "me", "pr"}),
        roles=_w(
            """président présidente ministre porte-parole maire directeur directrice
            secrétaire ambassadeur ambassadrice chancelier chef gouverneur procureur juge
            ingénieur ingénieure capitaine commandant"""
        ),
        org_heads=_w(
            """ministère université mairie gouvernement parti banque conseil commission
            tribunal agence société association syndicat institut fondation hôpital"""
        ),
        particles=frozenset({"de", "du", "des", "la", "le", "d'", "et"}),
        planned=_w(
            """prévu prévue prévus prévues prévoit programmé programmée convoqué convoquée"""
        ),
        expected=_w("devrait devraient attendu attendue doit doivent"),
        cancelled=_w(
            """annulé annulée annulés annulées annule reporté reportée reportés suspendu
            suspendue suspendus ajourné ajournée"""
        ),
        negation=frozenset({"ne", "n'", "pas", "jamais"}),
        future=frozenset({"va", "vont", "ira", "iront"}),
        deictic={"aujourd'hui": 0, "hier": -1, "demain": 1, "avant-hier": -2},
        last=frozenset({"dernier", "dernière", "passé", "passée"}),
        ago=("il y a", "y a"),
        quote_marks=(("«", "»"), *_LATIN_QUOTES[1:]),
    ),
    "it": Words(
        language="it",
        speech_verbs=_w(
            """detto dichiarato affermato aggiunto spiegato sottolineato precisato
            assicurato annunciato confermato ammesso ribadito avvertito risposto dice
            afferma aggiunge spiega sottolinea precisa assicura annuncia conferma ribadisce
            disse dichiarò affermò aggiunse spiegò riferito riferisce riferì"""
        ),
        according_to=frozenset({"secondo"}),
        auxiliaries=frozenset({"ha", "hanno", "aveva", "avevano"}),
        honorifics=frozenset({"sig.", "sig.ra", "dott.", "dott.ssa", "signor", "signora", "on."}),
        roles=_w(
            """presidente ministro ministra portavoce sindaco sindaca direttore direttrice
            segretario segretaria ambasciatore cancelliere capo governatore procuratore
            giudice ingegnere capitano comandante"""
        ),
        org_heads=_w(
            """ministero università comune governo partito banca consiglio commissione
            tribunale agenzia società associazione sindacato istituto fondazione
            ospedale"""
        ),
        particles=frozenset({"di", "de", "del", "della", "da", "e"}),
        planned=_w(
            """previsto prevista previsti previste prevede
            programmato programmata convocato convocata"""
        ),
        expected=_w("dovrebbe dovrebbero atteso attesa deve devono"),
        cancelled=_w(
            """annullato annullata annullati cancellato cancellata rinviato rinviata
            sospeso sospesa sospesi"""
        ),
        negation=frozenset({"non", "mai"}),
        future=frozenset(),
        deictic={"oggi": 0, "ieri": -1, "domani": 1},
        quote_marks=_LATIN_QUOTES,
    ),
    "de": Words(
        language="de",
        speech_verbs=_w(
            """sagte sagten sagt erklärte erklärten erklärt betonte betont fügte
            teilte teilt sagte kündigte bestätigte bestätigt räumte warnte warnt
            versicherte unterstrich gesagt erklärt betont bestätigt"""
        ),
        according_to=frozenset({"laut", "zufolge"}),
        auxiliaries=frozenset({"hat", "haben", "hatte", "hatten"}),
        honorifics=frozenset({"herr", "frau", "dr.", "prof."}),
        roles=_w(
            """präsident präsidentin minister ministerin sprecher sprecherin bürgermeister
            bürgermeisterin direktor direktorin sekretär botschafter botschafterin kanzler
            kanzlerin chef chefin gouverneur staatsanwalt richter richterin ingenieur
            ingenieurin kapitän kapitänin"""
        ),
        org_heads=_w(
            """ministerium universität stadtrat regierung partei bank rat kommission gericht
            agentur gesellschaft verband gewerkschaft institut stiftung krankenhaus"""
        ),
        particles=frozenset({"von", "van", "der", "de", "zu", "und"}),
        planned=_w(
            """geplant geplante geplanten plant planen angesetzt
            vorgesehen soll sollen einberufen"""
        ),
        expected=_w("erwartet erwarten dürfte dürften voraussichtlich soll sollen"),
        cancelled=_w("""abgesagt verschoben gestrichen storniert annulliert ausgesetzt"""),
        negation=frozenset({"nicht", "kein", "keine", "nie"}),
        future=frozenset({"wird", "werden", "werde"}),
        deictic={"heute": 0, "gestern": -1, "morgen": 1, "vorgestern": -2},
        quote_marks=(("„", "“"), ("»", "«"), *_LATIN_QUOTES),
    ),
    "nl": Words(
        language="nl",
        speech_verbs=_w(
            """zei zeiden zegt verklaarde verklaarden verklaart benadrukte benadrukt
            voegde legde stelde stelt bevestigde bevestigt waarschuwde kondigde gezegd
            verklaard benadrukt bevestigd meldde meldden"""
        ),
        according_to=frozenset({"volgens"}),
        auxiliaries=frozenset({"heeft", "hebben", "had", "hadden"}),
        honorifics=frozenset({"dhr.", "mevr.", "mw.", "dr.", "prof.", "de heer", "mevrouw"}),
        roles=_w(
            """president minister woordvoerder woordvoerster burgemeester directeur
            secretaris ambassadeur kanselier chef gouverneur officier rechter
            ingenieur kapitein"""
        ),
        org_heads=_w(
            """ministerie universiteit gemeente gemeenteraad regering partij bank raad
            commissie rechtbank agentschap vereniging vakbond instituut stichting
            ziekenhuis"""
        ),
        particles=frozenset({"van", "de", "der", "den", "ter", "en"}),
        planned=frozenset({"gepland", "voorzien", "plant", "plannen", "bijeengeroepen"}),
        expected=frozenset({"verwacht", "verwachten", "zou", "zouden"}),
        cancelled=frozenset({"afgelast", "geannuleerd", "uitgesteld", "geschrapt", "opgeschort"}),
        negation=frozenset({"niet", "geen", "nooit"}),
        future=frozenset({"zal", "zullen", "gaat", "gaan"}),
        deictic={"vandaag": 0, "gisteren": -1, "morgen": 1, "eergisteren": -2},
        quote_marks=(("„", "”"), *_LATIN_QUOTES, ("'", "'")),
    ),
    "pt": Words(
        language="pt",
        speech_verbs=_w(
            """disse disseram diz dizem afirmou afirmaram afirma declarou declararam declara
            acrescentou explicou explica indicou sublinhou salientou destacou garantiu
            anunciou confirmou admitiu advertiu respondeu dito afirmado declarado informou
            informaram"""
        ),
        according_to=frozenset({"segundo", "conforme"}),
        auxiliaries=frozenset({"tem", "têm", "tinha", "tinham"}),
        honorifics=frozenset({"sr.", "sra.", "dr.", "dra.", "dom", "dona", "senhor", "senhora"}),
        roles=_w(
            """presidente ministro ministra porta-voz prefeito prefeita autarca diretor
            diretora secretário secretária embaixador embaixadora chanceler chefe
            governador governadora procurador juiz juíza engenheiro engenheira capitão
            comandante"""
        ),
        org_heads=_w(
            """ministério universidade câmara prefeitura governo partido banco conselho
            comissão tribunal agência empresa associação sindicato instituto fundação
            hospital"""
        ),
        particles=frozenset({"de", "da", "do", "das", "dos", "e"}),
        planned=_w(
            """previsto prevista previstos previstas prevê
            programado programada convocado convocada"""
        ),
        expected=_w("espera-se esperado esperada deverá deverão deve devem"),
        cancelled=_w(
            """cancelou cancelado cancelada cancelados adiou adiado adiada suspendeu
            suspenso suspensa anulou anulado anulada"""
        ),
        negation=frozenset({"não", "nunca"}),
        future=frozenset({"vai", "vão", "irá", "irão"}),
        deictic={"hoje": 0, "ontem": -1, "amanhã": 1, "anteontem": -2},
        quote_marks=_LATIN_QUOTES,
    ),
    "zh": Words(language="zh", quote_marks=(("「", "」"), ("『", "』"), ("“", "”"))),
    "ar": Words(language="ar", quote_marks=(("«", "»"), ("“", "”"), ('"', '"'))),
}


# The first person singular and plural of each language storyline reads. Words that are
# also common other words are left out: Spanish "me"/"nos" (reflexive), French "me"
# (reflexive, elided "m'") and "mes"/"mis"/"ma" read as months or participles elsewhere.
FIRST_PERSON: dict[str, frozenset[str]] = {
    "en": _w("i me my mine myself we our ours us ourselves"),
    "es": _w("yo mí nosotros nosotras nuestro nuestra nuestros nuestras"),
    "fr": _w("je j moi mon nous notre nos"),
    "it": _w("io noi nostro nostra nostri nostre mio mia"),
    "de": _w("ich wir uns unser unsere unseren unserer mein meine"),
    "nl": _w("ik wij ons onze mijn"),
    "pt": _w("eu nós nosso nossa nossos nossas meu minha"),
}


@functools.cache
def stop_words(language: str) -> frozenset[str]:
    """spaCy's stop words of ``language`` (empty for a language spaCy has none for)."""
    try:
        module = importlib.import_module(f"spacy.lang.{language}.stop_words")
    except ImportError:
        return frozenset()
    return frozenset(module.STOP_WORDS)
