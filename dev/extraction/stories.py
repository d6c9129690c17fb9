"""Original article bodies for the extraction dev set (invented people and specifics, real places).

Each story is (slug, headline, language, paragraphs). `build_devset.py` wraps them in outlet templates; the
paragraphs are the expected main text.
"""

from __future__ import annotations

Story = tuple[str, str, str, list[str]]

STORIES: list[Story] = [
    # --- metro newspaper ---
    ("lake-street-raid", "Agents detain 14 at Lake Street businesses as Minneapolis crowd gathers", "en", [
        "Federal immigration agents detained fourteen people at two auto repair shops on Lake Street in south Minneapolis on Wednesday, according to a city council member and three witnesses who watched the arrests from across the street.",
        "The agents arrived shortly after 7 a.m. in unmarked vans and left about ninety minutes later. By then roughly two hundred neighbors had gathered, some banging pots and shouting at the officers to show warrants.",
        "Council member Idris Walcott said he asked an agent for the name of a supervisor and was told to step back. “Nobody here has seen a judicial warrant,” Walcott said. “People are scared to open their shops.”",
        "A spokesperson for Immigration and Customs Enforcement said the operation targeted people with final orders of removal and that two of those detained had prior criminal convictions. The agency did not release names.",
        "Hennepin County Attorney's Office staff were at the scene collecting video, a spokesperson for the office confirmed, adding that it was too early to say whether any review would follow.",
    ]),
    ("broadview-protest-charges", "Prosecutors charge two after clash outside Broadview processing center", "en", [
        "Federal prosecutors in Chicago charged two Illinois residents on Monday with assaulting federal officers during a protest outside the immigration processing center in Broadview, a west suburb that has become a focal point of demonstrations.",
        "According to a criminal complaint filed in the U.S. District Court for the Northern District of Illinois, one defendant shoved a Federal Protective Service officer into a gate and the other threw a traffic cone that struck an agent's helmet.",
        "Attorneys for the pair said the complaint leaves out that officers had fired pepper balls into the crowd minutes earlier. “Context matters, and the video shows it,” said defense lawyer Renata Okafor.",
        "Broadview's village president has asked the federal government to move the fence line back from the street, saying residents along 25th Avenue cannot reach their driveways during protests.",
    ]),
    ("portland-council-ordinance", "Portland council bars city staff from sharing data with immigration agents", "en", [
        "The Portland City Council voted 9-3 on Thursday to forbid city employees from sharing license plate reader data and utility records with federal immigration authorities unless a judge has signed a warrant.",
        "Supporters said the ordinance closes gaps in Oregon's sanctuary law, which already limits police cooperation but says little about databases run by other city bureaus. Opponents warned it could put federal grants at risk.",
        "“We keep finding new back doors,” said Councilor Maya Thornbury, who sponsored the measure. “This one is about our own records being used against our neighbors.”",
        "The ordinance takes effect in thirty days. The city attorney's office said it would publish guidance for bureaus on how to respond to subpoenas and administrative requests.",
    ]),
    ("newark-detention-inspection", "New Jersey lawmakers turned away at Delaney Hall detention center", "en", [
        "Three New Jersey state lawmakers said they were refused entry on Saturday when they tried to make an unannounced inspection of Delaney Hall, the privately run immigration detention center in Newark.",
        "Assemblywoman Lucía Ferreira said a guard told the group that visits required two weeks' notice to Immigration and Customs Enforcement. State law, she argued, gives legislators a right to observe conditions in facilities that hold New Jersey residents.",
        "The company that operates the center said in a statement that it follows federal visitation rules and had offered the lawmakers a scheduled tour later in the month.",
        "Advocates who gathered outside said detainees had complained about cold cells and delays in medical care. The lawmakers said they would ask the state attorney general to intervene.",
    ]),
    ("charlotte-traffic-stops", "Charlotte police chief says officers will not hold people for ICE", "en", [
        "Charlotte-Mecklenburg Police Chief Darnell Hughes said Tuesday his officers will not detain anyone past their release time at the request of immigration agents, days after federal officers made a series of arrests along Central Avenue.",
        "The chief spoke at a packed community meeting at a church in east Charlotte, where residents described agents following cars out of grocery store parking lots.",
        "Hughes said the department had received no advance notice of the federal operation and learned of it from 911 calls reporting men in masks detaining drivers. “We are not part of this,” he told the crowd.",
        "Mecklenburg County Sheriff's Office officials said the jail would continue to honor detainers only when accompanied by a judicial order, a policy the office adopted several years ago.",
    ]),
    # --- wire ---
    ("wire-phoenix-worksite", "Immigration agents arrest dozens at Phoenix construction site", "en", [
        "PHOENIX (AP) — Federal immigration agents arrested 41 workers at a housing construction site in west Phoenix on Thursday, one of the largest single worksite operations in Arizona this year, officials said.",
        "Homeland Security Investigations said the raid followed a months-long inquiry into a subcontractor accused of using fraudulent identity documents to hire crews. No company executives were arrested.",
        "Workers' families gathered at a nearby gas station through the afternoon, trying to learn where their relatives had been taken. Some were later released with ankle monitors, according to a local legal aid group.",
        "Arizona's attorney general said her office was seeking information about whether the detained workers had been paid for their final weeks on the job.",
    ]),
    ("wire-judge-blocks-courthouse", "Judge blocks immigration arrests at San Francisco courthouses", "en", [
        "SAN FRANCISCO (AP) — A federal judge on Friday temporarily barred immigration agents from making civil arrests inside or on the steps of courthouses in San Francisco, saying the practice likely deters witnesses and victims from appearing in court.",
        "U.S. District Judge Helena Marquez granted a temporary restraining order sought by a coalition of public defenders and tenants' rights groups, who argued that arrests at the Hall of Justice had caused people to miss hearings.",
        "The Justice Department said in court filings that agents had authority to arrest people in public places and that courthouses are no exception. It is expected to appeal.",
        "The order lasts fourteen days, and a hearing on a longer injunction is set for later this month in the Northern District of California.",
    ]),
    ("wire-texas-bus-crash", "Texas border town mourns after bus crash kills 3", "en", [
        "EAGLE PASS, Texas (AP) — Three people died and eleven were injured when a charter bus carrying farmworkers overturned on a highway south of Eagle Pass early Sunday, state troopers said.",
        "The Texas Department of Public Safety said the driver swerved to avoid a pickup that had crossed the center line. The pickup's driver was hospitalized in stable condition.",
        "The bus was heading to onion fields in the Rio Grande Valley. Relatives waited for hours outside Fort Duncan Regional Medical Center for news of the injured.",
        "Investigators from the National Transportation Safety Board were expected at the scene on Monday.",
    ]),
    ("wire-denver-shooting", "Agent shoots man during Aurora immigration arrest, authorities say", "en", [
        "AURORA, Colo. (AP) — An immigration officer shot and wounded a man during an attempted arrest in an apartment complex parking lot in Aurora on Tuesday night, federal and local authorities said.",
        "The Department of Homeland Security said the man drove his car toward officers who were trying to box it in. Witnesses told local reporters the car was barely moving when the officer fired twice through the windshield.",
        "The man, whose name was not released, was taken to a hospital with injuries that were not life-threatening. Aurora police said they were not involved in the operation but secured the scene afterward.",
        "The Adams County District Attorney's Office said it had asked the Colorado Bureau of Investigation to gather evidence, a step the office takes after any police shooting in the county.",
    ]),
    ("wire-atlanta-sentence", "Georgia man sentenced for threatening ICE officers online", "en", [
        "ATLANTA (AP) — A Georgia man who posted threats to shoot immigration officers was sentenced Wednesday to 30 months in federal prison, prosecutors said.",
        "Travis Lee Maddox, 34, of Marietta, pleaded guilty in May to transmitting interstate threats. Prosecutors said he posted the home address of an ICE deportation officer alongside a photo of a rifle.",
        "His lawyer told the court that Maddox had been drinking heavily and never intended to act. U.S. District Judge Calvin Brooks said the threats had forced the officer's family to move.",
        "The case was prosecuted by the U.S. Attorney's Office for the Northern District of Georgia.",
    ]),
    # --- government press releases ---
    ("usao-mn-impeding", "Minneapolis Man Charged with Impeding Federal Officers During Immigration Arrest", "en", [
        "MINNEAPOLIS – A Minneapolis man has been charged by criminal complaint with forcibly impeding federal officers during an immigration enforcement operation, announced the Acting United States Attorney for the District of Minnesota.",
        "According to court documents, on February 11, 2026, officers with U.S. Immigration and Customs Enforcement were attempting to arrest a man on Cedar Avenue when the defendant, Owen Pruitt, 29, allegedly stood in front of an agency vehicle and struck its side mirror with a bicycle lock.",
        "Pruitt is charged with one count of assaulting, resisting, or impeding certain officers. He made his initial appearance in U.S. District Court in Minneapolis and was released on conditions.",
        "This case is being investigated by ICE Enforcement and Removal Operations and the Federal Protective Service. Assistant U.S. Attorney Karen Velasquez is prosecuting the case.",
        "A complaint is merely an allegation, and all defendants are presumed innocent until proven guilty beyond a reasonable doubt in a court of law.",
    ]),
    ("usao-sdca-smuggling", "San Diego Woman Sentenced for Smuggling Migrants in Car Trunk", "en", [
        "SAN DIEGO – A San Diego woman was sentenced in federal court today to 18 months in prison for transporting three migrants hidden in the trunk of her car through the San Clemente checkpoint.",
        "According to her plea agreement, Deborah Lynn Ashford, 41, admitted that she agreed to drive the migrants from Chula Vista to Los Angeles in exchange for $1,500 each. Border Patrol agents found them after a canine alerted to the vehicle.",
        "“Packing human beings into a car trunk on a summer afternoon is reckless and dangerous,” said the United States Attorney for the Southern District of California.",
        "The case was investigated by the U.S. Border Patrol and Homeland Security Investigations.",
    ]),
    ("usao-edny-dismissal", "Statement on Dismissal of Charges in Queens Protest Case", "en", [
        "BROOKLYN, NY – The United States Attorney's Office for the Eastern District of New York today moved to dismiss charges against a Queens resident accused of obstructing immigration officers outside a Jackson Heights apartment building in January.",
        "After reviewing additional video provided by the defense and interviewing further witnesses, prosecutors concluded that the evidence would not support a conviction beyond a reasonable doubt.",
        "The motion was granted by a magistrate judge in the U.S. District Court in Brooklyn on Thursday afternoon.",
        "The Office remains committed to prosecuting anyone who assaults or interferes with federal officers carrying out their lawful duties.",
    ]),
    ("state-ag-portal", "Attorney General Launches Portal for Reports of Federal Agent Misconduct", "en", [
        "ALBANY – The Attorney General today launched an online portal where New Yorkers can submit videos, photos and written accounts of encounters with federal immigration agents that they believe were unlawful.",
        "The Office of the Attorney General will review submissions and may use them in investigations or litigation. Reports can be submitted anonymously and in more than a dozen languages.",
        "“Every New Yorker deserves to know that the law applies to everyone who enforces it,” the Attorney General said. “If you saw something, we want to hear about it.”",
        "The portal does not replace emergency services. Anyone in immediate danger should call 911.",
    ]),
    ("governor-order-il", "Governor Signs Order Creating Accountability Commission on Federal Enforcement", "en", [
        "SPRINGFIELD – The Governor today signed an executive order establishing the Illinois Accountability Commission, a panel that will document the conduct of federal immigration agents operating in the state and recommend responses.",
        "The commission will hold public hearings in Chicago, Aurora and Waukegan and issue its first report within ninety days. Its members include a retired appellate judge, two former prosecutors and community representatives.",
        "The order directs state agencies to preserve records of any interaction with federal immigration operations and to share them with the commission.",
        "The commission has no power to bring charges but may refer evidence to county state's attorneys and the Illinois Attorney General.",
    ]),
    # --- fact-check ---
    ("fc-can-police-arrest-ice", "Can state police arrest a federal immigration agent?", "en", [
        "Short answer",
        "State and local police can arrest a federal agent who commits a crime under state law, but the agent can ask to move the case to federal court and claim immunity if the conduct was part of their federal duties [1] [2].",
        "1. What the Supremacy Clause allows",
        "Courts have long held that federal officers are immune from state prosecution when they act within the scope of their authority and do what is necessary and proper to carry it out [1]. That protection is not automatic: a judge decides it after the case is removed to federal court [3].",
        "2. How often this happens",
        "State prosecutions of federal officers are rare. Legal scholars interviewed by several outlets could name only a handful of cases in recent decades, and most ended with dismissal in federal court [2] [4].",
        "3. What has changed",
        "Several states have created units or portals to collect evidence about federal agents' conduct, which could make charges more likely in the future, though none of the sources describe a completed prosecution [4] [5].",
    ]),
    ("fc-287g-explained", "What do 287(g) agreements actually let local deputies do?", "en", [
        "Executive summary",
        "A 287(g) agreement lets a sheriff's office perform some immigration duties under ICE supervision. What deputies may do depends on which of three models the county signs [1] [2].",
        "1. The three models",
        "Under the jail model, deputies screen people already booked into a county jail. The task force model lets deputies question and arrest people during routine policing, and the warrant service model covers serving administrative warrants inside the jail [1] [3].",
        "2. Where agreements have grown",
        "Agreements have expanded quickly in Florida and Texas, where state laws require sheriffs to participate, while several counties in other states have ended theirs after public pressure [2] [4].",
        "3. Costs and liability",
        "Counties usually pay for deputies' time, and some have faced lawsuits for holding people beyond their release dates, according to the reporting reviewed [3] [5].",
    ]),
    ("fc-viral-arrest-video", "Does a viral video show ICE arresting a U.S. citizen in Houston?", "en", [
        "Executive summary",
        "The video is real and was filmed in Houston, but the man detained in it was released the same day after showing his passport, according to his lawyer and local reporting [1] [2].",
        "1. What the video shows",
        "The clip shows two officers in vests marked POLICE ICE stopping a man outside a tire shop on Airline Drive and placing him in handcuffs while he says repeatedly that he was born in Texas [1].",
        "2. What happened next",
        "His attorney told a Houston television station that he was held for about five hours and released without charges. ICE told reporters it was reviewing the encounter [2] [3].",
        "3. Why it matters",
        "Detentions of citizens have prompted several lawsuits, and a Harris County commissioner has asked for a federal review of the stop [3] [4].",
    ]),
    ("fc-sanctuary-funding", "Are sanctuary cities losing federal grant money?", "en", [
        "Executive summary",
        "Some cities have had specific grants paused or conditioned, but courts have blocked several attempts to cut funding broadly, so the picture differs from city to city [1] [2].",
        "1. The grants at issue",
        "Most disputes involve law enforcement grants administered by the Justice Department and some transportation money. Cities such as Philadelphia, Chicago and Seattle have sued over new conditions [1] [3].",
        "2. What judges have said",
        "Federal judges in Seattle and San Francisco have issued orders preventing agencies from enforcing certain conditions while lawsuits continue, citing limits on the executive branch's spending power [2] [4].",
        "3. What remains unclear",
        "None of the sources quantify how much money has actually been withheld, and several cities say they are still waiting for decisions on pending applications [4] [5].",
    ]),
    ("fc-masks-law", "Is California's ban on masked agents in effect?", "en", [
        "Executive summary",
        "California's law requiring law enforcement officers, including federal agents, to show their faces took effect in January, but the federal government has sued to block it and a judge in Los Angeles has not yet ruled [1] [2].",
        "1. What the law says",
        "The law bars officers from wearing face coverings during most public enforcement activity, with exceptions for medical masks and tactical gear during dangerous operations [1].",
        "2. The federal challenge",
        "The Justice Department argues that states cannot regulate how federal officers perform their duties. The case is before the U.S. District Court for the Central District of California [2] [3].",
        "3. Enforcement so far",
        "State officials have not announced any citation of a federal agent under the law, according to the reporting reviewed [3].",
    ]),
    # --- aggregator ---
    ("agg-ice-worried", "Federal Agents Fear Prosecution by Local District Attorneys, Report Says", "en", [
        "Immigration officers working in several large cities have told supervisors they fear being charged by local district attorneys over routine arrests, according to a report citing three people familiar with internal meetings.",
        "The concern reportedly grew after prosecutors in Philadelphia and San Francisco said publicly that they would review complaints about agents' conduct like any other alleged crime.",
        "Union representatives have asked the agency to guarantee legal representation for officers who receive subpoenas from state grand juries, the report said.",
        "There is no public record of a state charge against an immigration officer this year, and the agency has said its officers are protected when acting within federal law.",
    ]),
    ("agg-nyc-canal-street", "Agents Sweep Canal Street Vendors as Crowd Films Arrests", "en", [
        "Federal agents detained at least nine street vendors on Canal Street in Manhattan on Saturday afternoon, according to videos posted by onlookers and a local vendors' association.",
        "The videos show agents in plain clothes loading folding tables and handbags into vans while people shout from the sidewalk. One clip shows an agent pushing a man who was filming.",
        "A City Council member from Lower Manhattan said she would ask the NYPD to explain why officers directed traffic around the operation.",
        "The vendors' association said it was trying to locate the detained members and had contacted immigration lawyers.",
    ]),
    ("agg-celebrity-visa", "Singer's Tour Dates in Doubt After Visa Delay", "en", [
        "A Colombian pop singer has postponed four U.S. concerts after her work visa was delayed, her management said on Tuesday, blaming a backlog at the consulate in Bogotá.",
        "Shows in Miami, Houston, Los Angeles and Chicago will be rescheduled for the fall, and ticket holders will be able to keep their seats or ask for refunds.",
        "The singer posted a short video apologizing to fans and saying she hoped to be on stage in Miami before the end of summer.",
        "Immigration lawyers say artists' visas have taken longer this year because of new security checks.",
    ]),
    ("agg-seattle-lawsuit", "Washington State Sues Over Detention Center Inspections", "en", [
        "Washington's attorney general has sued the operator of the Northwest ICE Processing Center in Tacoma, saying it refused to let state health inspectors examine conditions inside.",
        "The lawsuit, filed in Pierce County Superior Court, says a state law passed last year gives the Department of Health authority to inspect private detention facilities.",
        "The operator has argued that the law conflicts with its federal contract. A similar dispute over the same facility went to federal appeals court in an earlier case.",
        "Advocates say detainees have reported spoiled food and delays in seeing doctors.",
    ]),
    ("agg-boston-order", "Boston Mayor Orders Monthly Records Requests on Immigration Arrests", "en", [
        "Boston's mayor has signed an executive order directing city lawyers to file monthly public records requests with the Department of Homeland Security for data on immigration arrests in the city.",
        "The order also requires the city's Office for Immigrant Advancement to publish a quarterly summary of what it learns, including arrests near schools and hospitals.",
        "City officials said federal agencies had not shared arrest locations despite repeated requests, leaving families and schools guessing.",
        "A Homeland Security spokesperson said the department responds to records requests as required by law.",
    ]),
    # --- live blog ---
    ("live-la-protests", "Live updates: Protests continue in Los Angeles after immigration raids", "en", [
        "Hundreds of demonstrators gathered again outside the federal building on Los Angeles Street on Sunday evening, the third straight night of protests after immigration raids in the garment district.",
        "Los Angeles police declared an unlawful assembly shortly after 8 p.m. and ordered the crowd to disperse. Officers on horseback pushed people north toward Temple Street.",
        "The mayor said at a news conference that the city had not been told in advance about the raids and called on federal authorities to release the names of those detained.",
        "Federal officers fired tear gas and rubber projectiles at protesters who threw bottles near the Metropolitan Detention Center, according to witnesses and video from the scene.",
        "Organizers said they would hold a vigil on Monday morning outside the downtown courthouse where some of those arrested are expected to appear.",
    ]),
    ("live-chicago-operation", "Live: Federal surge in Chicago enters second week", "en", [
        "Agents were seen making arrests in the Little Village and Pilsen neighborhoods on Monday morning as the federal operation in Chicago entered its second week.",
        "Chicago Public Schools said attendance at several schools on the Southwest Side dropped sharply, and the district urged parents to keep children in class.",
        "A federal judge in Chicago scheduled a hearing for Wednesday on a request by news organizations to limit the use of crowd-control weapons against journalists.",
        "The Cook County state's attorney said her office had opened a review of an incident in which an agent was filmed pointing a rifle at a bystander in Brighton Park.",
    ]),
    ("live-election-night", "Live results: City council runoff in Houston", "en", [
        "Polls closed at 7 p.m. across Harris County, and early voting totals show a close race in District H between two first-time candidates.",
        "Turnout remained low, with roughly 9 percent of registered voters casting ballots, according to the county clerk's office.",
        "The candidates spent the final weekend knocking on doors in the Northside and Near Northside neighborhoods, focusing on flooding and street repairs.",
        "Results from election day polling places were expected to be reported after 10 p.m.",
    ]),
    ("live-portland-facility", "Live updates: Crowd returns to Portland ICE building", "en", [
        "Protesters returned Friday night to the ICE field office on South Macadam Avenue in Portland, where federal officers have used tear gas on crowds several times this month.",
        "Portland police said they had made no arrests and were monitoring the area from a distance under a city policy that limits their role at protests involving federal property.",
        "An Oregon state senator said she had asked the U.S. Attorney for the District of Oregon to explain why several people arrested last week were held for two days before seeing a judge.",
        "By midnight the crowd had thinned to a few dozen people, and federal officers had retreated inside the building.",
    ]),
    ("live-hurricane", "Live: Tropical storm heads toward Florida Panhandle", "en", [
        "The storm strengthened slightly on Tuesday afternoon and was expected to make landfall near Panama City late Wednesday, forecasters said.",
        "Bay County ordered evacuations for low-lying areas and mobile homes, and shelters opened at three schools.",
        "Utility crews from Georgia and Alabama were staging in Tallahassee to restore power after the storm passes.",
        "Residents were urged to finish preparations before dark on Wednesday, when tropical-storm-force winds could arrive.",
    ]),
    # --- local TV ---
    ("tv-raleigh-checkpoint", "Raleigh families say agents followed cars from church parking lot", "en", [
        "Parishioners at a church in north Raleigh say immigration agents followed several cars out of the parking lot after Sunday Mass and stopped two drivers a few blocks away.",
        "One woman said her brother was detained in front of his children. “They were waiting for us,” she said, asking that her name not be used because she fears retaliation.",
        "The Wake County Sheriff's Office said it had no role in the stops. ICE did not respond to requests for comment on Sunday.",
        "The church's pastor said he would meet with lawyers this week to learn what the parish can do to protect members.",
    ]),
    ("tv-nashville-bond", "Nashville man released on bond weeks after detention at traffic stop", "en", [
        "A Nashville father who was detained by immigration agents after a traffic stop on Nolensville Pike has been released on bond, his family said Thursday.",
        "An immigration judge set bond at $5,000 after hearing from his employer and his pastor. He had been held at a county jail in Alabama for nearly a month.",
        "His wife said their two children had struggled at school while he was gone. “They kept asking if he would be home for his birthday,” she said.",
        "His lawyer said the man has a pending asylum application and no criminal record.",
    ]),
    ("tv-elpaso-court", "El Paso judge hears challenge to detention of asylum seekers", "en", [
        "A federal judge in El Paso heard arguments Tuesday in a lawsuit challenging the detention of asylum seekers who were arrested after attending scheduled immigration court hearings.",
        "Lawyers for the plaintiffs said the arrests punish people for following the rules. Government lawyers said officers were enforcing expedited removal procedures allowed by law.",
        "U.S. District Judge Ramona Villalobos did not rule from the bench but said she would issue a written decision soon.",
        "Several families of detained asylum seekers watched the hearing from the courtroom gallery.",
    ]),
    ("tv-salt-lake-snow", "Snowstorm snarls Salt Lake City commute", "en", [
        "A fast-moving storm dropped up to eight inches of snow across the Salt Lake Valley overnight, causing dozens of crashes during the Tuesday morning commute.",
        "The Utah Department of Transportation said plows were out in force but warned drivers that Interstate 15 would remain slick through the afternoon.",
        "Several school districts delayed the start of classes by two hours.",
        "Forecasters expect another, weaker system to arrive on Thursday.",
    ]),
    ("tv-miami-krome", "Relatives line up outside Krome detention center for news", "en", [
        "Dozens of relatives waited outside the Krome North Service Processing Center in southwest Miami-Dade on Saturday, hoping for information about family members detained during arrests across South Florida this week.",
        "Many said they had been unable to reach detainees by phone. A volunteer group handed out water and helped people search the federal detainee locator.",
        "A spokesperson for ICE said the facility was operating within its capacity and that detainees have access to phones and attorneys.",
        "Local lawyers said they planned to file emergency petitions on behalf of several people who were moved before they could meet with counsel.",
    ]),
    # --- magazine ---
    ("mag-border-town", "The quiet town at the center of America's deportation machine", "en", [
        "On a weekday morning in Jena, Louisiana, the only traffic on the road to the detention center is a line of white buses. Most people in town work somewhere else, but the center has become the largest employer for miles.",
        "Residents describe a strange double life. The center brings paychecks and a new gas station; it also brings lawyers from New Orleans who sleep in their cars before hearings and families who drive through the night from Texas.",
        "“People here don't talk about it much,” said a retired schoolteacher who has lived in Jena for forty years. “It's just the place out past the highway.”",
        "Inside, detainees wait weeks for hearings held over video. Attorneys say the distance from cities makes it nearly impossible to find lawyers, and that the isolation is part of the design.",
        "A spokesperson for the company that runs the center said it provides medical care, recreation and legal access consistent with federal standards.",
    ]),
    ("mag-prosecutor-profile", "The district attorney who wants to charge federal agents", "en", [
        "When she ran for district attorney in Philadelphia, Noelle Carrington promised to prosecute police misconduct. She did not expect that promise to put her at odds with the federal government.",
        "This spring her office opened reviews of two encounters between federal immigration agents and residents, one in Kensington and one in South Philadelphia, after videos spread widely online.",
        "Carrington says she is simply applying the law. Critics, including the region's congressional Republicans, say she is staging a confrontation she cannot win because federal officers are shielded when they act within their duties.",
        "Legal scholars say the fight may matter less for its outcome than for what it reveals: a growing number of local officials who believe the usual federal checks on law enforcement no longer work.",
    ]),
    ("mag-detention-medicine", "Inside the struggle to treat detainees with chronic illness", "en", [
        "Nurses who have worked in immigration detention describe shifts spent chasing medication records that do not follow people when they are transferred between facilities.",
        "A former nurse at a center in Georgia said diabetic detainees sometimes went days without insulin after a transfer from Texas. “You start from zero with every bus,” she said.",
        "Federal inspection reports obtained by advocates show repeated findings of missed sick-call requests at several centers, including facilities in Georgia and Louisiana.",
        "ICE says detainees receive comprehensive medical care and that it investigates every death in custody.",
    ]),
    ("mag-courthouse-arrests", "Why immigration arrests moved into the courthouse hallway", "en", [
        "For years, immigration courts were among the few government buildings where undocumented immigrants felt relatively safe. People showed up because missing a hearing meant an automatic deportation order.",
        "That calculation changed this year, when plainclothes officers began waiting in the hallways of courts in New York, Phoenix and San Diego to arrest people whose cases had just been dismissed.",
        "Government lawyers say the dismissals allow officers to place people in faster removal proceedings. Immigration attorneys call it a trap that punishes compliance.",
        "Judges have begun to push back. A federal judge in Manhattan ordered the government to explain the practice at 26 Federal Plaza, and similar suits are pending elsewhere.",
    ]),
    # --- non-English ---
    ("es-redadas-houston", "Agentes de inmigración detienen a trabajadores en Houston", "es", [
        "Agentes federales de inmigración detuvieron el jueves a más de veinte trabajadores en una obra de construcción en el norte de Houston, según testigos y una organización comunitaria que acompaña a las familias.",
        "Los trabajadores fueron trasladados en autobuses a un centro de procesamiento. Varias esposas esperaron durante horas frente a la obra sin recibir información sobre el paradero de sus familiares.",
        "Un portavoz de la agencia dijo que la operación formaba parte de una investigación sobre documentos falsos y que algunos de los detenidos tenían órdenes de deportación pendientes.",
        "Abogados de la zona ofrecieron consultas gratuitas el fin de semana en una iglesia del barrio para explicar a las familias cuáles son sus derechos.",
    ]),
    ("es-tribunal-chicago", "Una jueza federal limita el uso de gas lacrimógeno en Chicago", "es", [
        "Una jueza federal de Chicago ordenó el martes a los agentes de inmigración que dejen de usar gas lacrimógeno contra periodistas y manifestantes pacíficos, salvo en casos de amenaza inmediata.",
        "La decisión responde a una demanda presentada por medios de comunicación y organizaciones religiosas que denunciaron ataques durante las protestas frente al centro de Broadview.",
        "El Departamento de Justicia sostuvo que los agentes actuaron para proteger las instalaciones federales y anunció que estudia apelar la orden.",
        "Los demandantes celebraron el fallo, aunque advirtieron que vigilarán de cerca su cumplimiento durante las próximas semanas.",
    ]),
    ("fr-montreal-frontiere", "Des demandeurs d'asile affluent au poste frontalier de Lacolle", "fr", [
        "Des dizaines de demandeurs d'asile venus des États-Unis se sont présentés cette semaine au poste frontalier de Lacolle, au sud de Montréal, selon des organismes d'aide aux réfugiés.",
        "Plusieurs familles ont expliqué avoir quitté New York et le New Jersey par crainte des arrestations menées par les agents de l'immigration américaine dans leurs quartiers.",
        "Les autorités canadiennes rappellent que l'entente sur les tiers pays sûrs limite les demandes présentées à la frontière terrestre, sauf exceptions pour les personnes ayant de la famille au Canada.",
        "Les refuges de Montréal disent manquer de places et demandent une aide supplémentaire du gouvernement fédéral.",
    ]),
]
