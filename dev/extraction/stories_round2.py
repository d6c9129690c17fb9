"""Second-round stories, in three templates written after the rules were tuned on `stories.py`.

Scored once before any rule change, they were the held-out estimate of how the pass does on unseen outlets
(ours F1 0.899 vs plain trafilatura 0.741, boilerplate left on 10/10 pages); the rules were then generalised
and the pages joined the dev set. A new held-out round needs new templates.
"""

from __future__ import annotations

from stories import Story

ROUND2: list[Story] = [
    ("radio-tucson-shelter", "Tucson shelter sees fewer arrivals as detentions rise", "en", [
        "A migrant shelter in Tucson that once received hundreds of people a day from federal custody now sees only a few dozen a week, its director said, as more people are held in detention rather than released.",
        "The shelter, run by a coalition of churches, has cut its overnight staff and turned part of its dormitory into storage for donated clothing.",
        "Volunteers say the people who do arrive tend to be families with small children and older adults with medical conditions. Many have spent weeks in facilities in Eloy and Florence.",
        "Pima County officials said they would keep funding the shelter through the end of the fiscal year in case releases increase again.",
    ]),
    ("radio-spokane-jail", "Spokane County ends practice of holding inmates for immigration agents", "en", [
        "The Spokane County jail will no longer hold people past their release date at the request of federal immigration agents, the sheriff's office said Monday, citing a recent ruling by the Washington Supreme Court.",
        "Under the old practice, the jail kept inmates for up to 48 hours after they posted bail or finished their sentences so agents could pick them up.",
        "Immigrant rights groups had sued the county twice over the holds. A lawyer for one group said the change was overdue but welcome.",
        "The sheriff said deputies would still notify federal authorities of release times when the law allows it.",
    ]),
    ("radio-milwaukee-judge", "Milwaukee judge's arrest stirs debate over courthouse enforcement", "en", [
        "The arrest of a Milwaukee County judge on federal obstruction charges has set off a fierce debate among lawyers about what court officials may do when immigration agents appear in their buildings.",
        "Prosecutors allege the judge steered a defendant out of her courtroom through a jury door while agents waited in the hallway. Her lawyers say she followed normal procedure for a case that had been adjourned.",
        "The Wisconsin Supreme Court temporarily relieved the judge of her duties while the case proceeds in the U.S. District Court for the Eastern District of Wisconsin.",
        "Several former judges signed a letter warning that the prosecution could chill the independence of state courts.",
    ]),
    ("legal-ninth-circuit", "Ninth Circuit hears appeal over Los Angeles roving patrols", "en", [
        "A three-judge panel of the Ninth Circuit heard arguments Tuesday on whether to lift an order limiting roving immigration patrols in Los Angeles and surrounding counties.",
        "The lower court found that agents had stopped people based on their apparent race, the language they spoke, their location at places like car washes, and their type of work, which together fell short of reasonable suspicion.",
        "Government lawyers told the panel that the order hampers operations across the Central District of California and rests on a handful of unrepresentative stops.",
        "Lawyers for the plaintiffs, who include day laborers and a U.S. citizen detained at a tow yard, said the record showed a pattern rather than isolated mistakes.",
    ]),
    ("legal-grand-jury", "Grand jury in Washington declines to indict protester accused of assaulting agent", "en", [
        "A federal grand jury in Washington declined to indict a man accused of throwing a sandwich at a federal agent during an enforcement surge in the capital, according to court records.",
        "Prosecutors had charged the man with felony assault on a federal officer. After the grand jury refused to return an indictment, the U.S. Attorney's Office for the District of Columbia filed a misdemeanor charge instead.",
        "Defense lawyers said the outcome reflected jurors' skepticism of how the government had described the encounter.",
        "It was at least the third time in recent weeks that a grand jury in the district had rejected a felony charge in a case arising from the surge.",
    ]),
    ("legal-texas-law", "Federal judge blocks parts of Texas law on state immigration arrests", "en", [
        "A federal judge in Austin has blocked Texas from enforcing provisions of a state law that would let state police arrest people suspected of crossing the border illegally and let state judges order them to leave the country.",
        "The judge wrote that immigration enforcement is a federal responsibility and that the law conflicts with the federal scheme Congress created.",
        "Texas officials said they would appeal to the Fifth Circuit, which has previously allowed parts of similar measures to take effect while litigation continued.",
        "Civil rights groups that challenged the law said it would have led to racial profiling along the border and in cities such as Houston and Dallas.",
    ]),
    ("nonprofit-detention-deaths", "Records show delays before two deaths in immigration detention", "en", [
        "Two men who died in immigration detention last year waited more than a day for emergency care after guards were told they were in distress, according to records obtained by our newsroom.",
        "One of the men, held at a facility in Baldwin, Michigan, complained of chest pain for nearly twelve hours before he was taken to a hospital. The other, held in Georgia, was found unresponsive after repeated requests to see a nurse.",
        "The agency's own death reviews, released after a public records lawsuit, identify lapses in both cases but do not recommend discipline for any employee.",
        "The companies that run the two facilities said they cooperate fully with federal reviews and are committed to detainees' health.",
    ]),
    ("nonprofit-287g-florida", "Florida counties rush to sign immigration agreements under state pressure", "en", [
        "Every sheriff's office in Florida has now signed at least one agreement allowing deputies to carry out immigration enforcement, after state officials threatened to withhold funding from agencies that did not.",
        "Some of the smallest counties signed the task force model, which allows deputies to question people about their immigration status during routine patrols.",
        "Sheriffs in Orange and Hillsborough counties said they had little choice. Advocates said the agreements would make crime victims afraid to call for help.",
        "The state has set aside money to reimburse counties for training and overtime, but several sheriffs said it would not cover their costs.",
    ]),
    ("nonprofit-nyc-schools", "New York City schools train staff on how to respond to immigration agents", "en", [
        "New York City's public schools have trained principals and security staff on how to respond if immigration agents arrive at a school building, according to guidance reviewed by our reporters.",
        "Staff are told not to allow agents into buildings without a judicial warrant and to call the school system's legal office immediately.",
        "The guidance came after agents detained a parent outside an elementary school in the Bronx as she dropped off her son, an arrest captured on video by other parents.",
        "City officials said attendance in some neighborhoods had dipped since the arrest and that outreach workers were visiting families.",
    ]),
    ("radio-baseball-opener", "Minor league team sells out home opener in Albuquerque", "en", [
        "The Albuquerque minor league team sold out its home opener on Friday night for the first time in six years, drawing more than thirteen thousand fans to the ballpark.",
        "The team's new manager said the crowd gave the players an extra push in a game they won in the ninth inning on a two-run double.",
        "Concession lines stretched down the concourse, and the team said it would add staff for the rest of the opening homestand.",
        "The team plays five more home games before leaving on a road trip to Nevada and Utah.",
    ]),
]
